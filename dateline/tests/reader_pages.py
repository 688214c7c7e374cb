"""The pages a reader opens, one of each kind, for tests that look at every page."""

# Every kind of page a reader opens, with `{lang}` for the edition.
READER_PAGES = [
    "/{lang}/",
    "/{lang}/russia/",
    "/{lang}/russia/lavrov-miliband-extradition/",
    "/{lang}/mediabank/",
    "/{lang}/search/?q=Lavrov",
    "/{lang}/chats/",
    "/{lang}/subscribe/",
    "/{lang}/accounts/signup/",
    "/{lang}/accounts/login/",
    "/{lang}/live/most-read/",
]
