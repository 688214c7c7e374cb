"""The plain text of a news page, as copied from a browser: the article (headline, lede,
dateline with place, date and agency, body, photo caption and credit) without the page's
chrome (brand, section, buttons, newsfeed, comment prompt, loader, chats)."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime

from django.utils import timezone

from dateline.wire.parsers.html_body import paragraphs_html
from dateline.wire.parsers.item import ParsedItem, ParseError, Picture

FORMAT = "text"

# Interface strings of news pages, in English and Russian; a line that is only one of
# these is chrome, and the first of the closing ones ends the article.
CHROME = {
    "subscribe",
    "go to the mediabank",
    "share",
    "print",
    "read more",
    "comments",
    "подписаться",
    "перейти в фотобанк",
    "поделиться",
    "комментарии",
}
CLOSING = {
    "newsfeed",
    "to participate in the discussion",
    "log in or register",
    "loader",
    "chats",
    "лента новостей",
    "чтобы участвовать в дискуссии",
    "авторизуйтесь или зарегистрируйтесь",
    "чаты",
    "заголовок открываемого материала",
}
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "января"),
            ("february", "февраля"),
            ("march", "марта"),
            ("april", "апреля"),
            ("may", "мая"),
            ("june", "июня"),
            ("july", "июля"),
            ("august", "августа"),
            ("september", "сентября"),
            ("october", "октября"),
            ("november", "ноября"),
            ("december", "декабря"),
        ],
        start=1,
    )
    for name in names
}
# "MOSCOW, November 2 (RIA Novosti) - …" or "МОСКВА, 2 ноября (РИА Новости) — …"
DATELINE = re.compile(
    r"^(?P<place>[A-ZА-ЯЁ][A-ZА-ЯЁ .'’-]{1,40}),\s+"
    r"(?P<date>[A-Za-zА-Яа-яЁё]+\s+\d{1,2}|\d{1,2}\s+[A-Za-zА-Яа-яЁё]+)"
    r"(?:\s+\((?P<agency>[^)]{2,60})\))?\s*[-–—]\s*(?P<rest>.+)$"
)
CREDIT = re.compile(r"^©\s*(?P<credit>[^/]+?)\s*/\s*(?P<rest>.*)$")
NBSP = "\u00a0"


def parse(content: bytes) -> list[ParsedItem]:
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        raise ParseError("The text is not UTF-8.") from None
    lines = [" ".join(line.replace(NBSP, " ").split()) for line in text.splitlines()]
    dateline_at = next((i for i, line in enumerate(lines) if DATELINE.match(line)), None)
    if dateline_at is None:
        raise ParseError("No dateline (PLACE, Month day (Agency) - …) was found in the text.")
    match = DATELINE.match(lines[dateline_at])
    body = [match["rest"]]
    for line in lines[dateline_at + 1 :]:
        if line.lower() in CLOSING:
            break
        if line and line.lower() not in CHROME:
            body.append(line)
    before = [(i, line) for i, line in enumerate(lines[:dateline_at]) if line]
    credit_at = next((i for i, line in before if CREDIT.match(line)), None)
    picture = None
    if credit_at is not None:
        credit_match = CREDIT.match(lines[credit_at])
        caption = re.sub(
            r"(?i)^go to the mediabank|^перейти в фотобанк", "", credit_match["rest"]
        ).strip()
        credit = credit_match["credit"].strip()
        picture = Picture(
            href="",
            caption=caption,
            credit=f"© {credit}",
            creator=credit.split(" . ", 1)[1].strip() if " . " in credit else "",
        )
        headline = next((line for i, line in reversed(before) if i < credit_at), "")
    else:
        headline = _headline_without_photo(before)
    if not headline or headline.lower() in CHROME:
        raise ParseError("No headline was found before the article.")
    teaser = [
        line
        for i, line in before
        if i > (credit_at if credit_at is not None else -1)
        and line.lower() not in CHROME
        and line != headline
        and not (picture and line.startswith(picture.caption))
    ]
    lede = teaser[-1] if teaser else _first_sentence(body[0])
    agency = (match["agency"] or "").strip()
    return [
        ParsedItem(
            guid="text:"
            + hashlib.sha1(
                f"{headline}\n{lines[dateline_at]}".encode(), usedforsecurity=False
            ).hexdigest(),
            format=FORMAT,
            headline=headline,
            lede=lede,
            body_html=paragraphs_html(body),
            dateline_place=match["place"].strip().title(),
            dateline_text=f"{match['place'].strip()}, {match['date']}"
            + (f" ({agency})" if agency else ""),
            dateline_date=_date(match["date"]),
            agency=agency,
            language="ru" if _cyrillic_share(" ".join(body)) > 0.5 else "en",
            pictures=[picture] if picture else [],
        )
    ]


def _headline_without_photo(before: list[tuple[int, str]]) -> str:
    """With no photo block, the headline is the last line of the page's header that is
    not chrome and reads like a headline (not a sentence ending in a full stop)."""
    for _i, line in reversed(before):
        if line.lower() not in CHROME and not line.startswith("- ") and not line.endswith("."):
            return line
    return ""


def _first_sentence(paragraph: str) -> str:
    sentence = re.split(r"(?<=[.!?])\s", paragraph, maxsplit=1)[0]
    return sentence[:1000]


def _date(text: str) -> datetime | None:
    words = text.lower().split()
    month = next((MONTHS[w] for w in words if w in MONTHS), None)
    day = next((int(w) for w in words if w.isdigit()), None)
    if month is None or day is None:
        return None
    now = timezone.now()
    try:
        moment = datetime(now.year, month, day, tzinfo=UTC)
    except ValueError:
        return None
    # A dateline names no year: the latest such date not in the future.
    if moment <= now:
        return moment
    try:
        return moment.replace(year=now.year - 1)
    except ValueError:  # 29 February, last year
        return None


def _cyrillic_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum("а" <= c.lower() <= "я" or c in "ёЁ" for c in letters) / max(len(letters), 1)
