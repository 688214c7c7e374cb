"""Material for the demo's generated articles: sections, and phrases to compose headlines from.

Subjects are singular and predicates in the third person so that every pairing reads
as a sentence in both languages. Russian subjects carry their grammatical gender ("m", "f",
"n"): a Russian predicate in the past tense is written for a masculine subject and agrees
with its subject through `russian_predicate` («Госдума приняла», «Минэнерго сообщило»).
"""

_PAST_ENDINGS = {"m": "", "f": "а", "n": "о"}


def russian_predicate(predicate: str, gender: str) -> str:
    """`predicate` (its verb first, for a masculine subject) agreeing with a subject of
    `gender`; a present-tense verb stays as it is."""
    verb, _, rest = predicate.partition(" ")
    ending = _PAST_ENDINGS[gender]
    if verb.endswith("лся"):  # reflexive: отчитался → отчиталась
        verb = verb[:-3] + "л" + ending + ("сь" if ending else "ся")
    elif verb.endswith("ёл") and ending:  # провёл → провела
        verb = verb[:-2] + "ел" + ending
    elif verb.endswith("л"):
        verb += ending
    return f"{verb} {rest}" if rest else verb


SECTIONS = [
    {
        "slug": "world",
        "title": {"en": "World", "ru": "Мир"},
        "description": {
            "en": "News from every continent: diplomacy, conflicts, elections and crises.",
            "ru": "Новости со всех континентов: дипломатия, конфликты, выборы и кризисы.",
        },
        "subjects": [
            ("The UN Security Council", "Совбез ООН", "m"),
            ("The European Commission", "Еврокомиссия", "f"),
            ("The African Union", "Африканский союз", "m"),
            ("The Arab League", "Лига арабских государств", "f"),
        ],
        "predicates": [
            (
                "calls for a ceasefire in the border region",
                "призывает к прекращению огня в приграничном районе",
            ),
            (
                "opens talks on a new trade framework",
                "начинает переговоры о новых торговых правилах",
            ),
            (
                "sends observers to the disputed elections",
                "направляет наблюдателей на спорные выборы",
            ),
            (
                "pledges emergency aid after the floods",
                "обещает экстренную помощь после наводнений",
            ),
        ],
        "topics": [("Diplomacy", "Дипломатия"), ("United Nations", "ООН")],
    },
    {
        "slug": "russia",
        "title": {"en": "Russia", "ru": "Россия"},
        "description": {
            "en": (
                "The latest news and stories from Russia. Stay tuned for updates and breaking "
                "news on defense, politics, economy and more."
            ),
            "ru": (
                "Последние новости и события в России. Следите за обновлениями и срочными "
                "новостями об обороне, политике, экономике и многом другом."
            ),
        },
        "subjects": [
            ("The Foreign Ministry", "МИД", "m"),
            ("The Kremlin", "Кремль", "m"),
            ("The Moscow city government", "Правительство Москвы", "n"),
            ("The Emergencies Ministry", "МЧС", "n"),
        ],
        "predicates": [
            ("comments on the new visa rules", "прокомментировал новые визовые правила"),
            ("announces a programme for the Far East", "объявил программу для Дальнего Востока"),
            ("reports on the winter preparations", "отчитался о подготовке к зиме"),
            (
                "responds to the London extradition request",
                "ответил на запрос Лондона об экстрадиции",
            ),
        ],
        "topics": [("Moscow", "Москва"), ("Russia–UK relations", "Российско-британские отношения")],
    },
    {
        "slug": "politics",
        "title": {"en": "Politics", "ru": "Политика"},
        "description": {
            "en": "Parliament, parties, elections and the decisions that shape them.",
            "ru": "Парламент, партии, выборы и решения, которые их определяют.",
        },
        "subjects": [
            ("The State Duma", "Госдума", "f"),
            ("The Federation Council", "Совет Федерации", "m"),
            ("The Central Election Commission", "Центризбирком", "m"),
            ("The ruling party", "Правящая партия", "f"),
        ],
        "predicates": [
            ("passes the budget in its first reading", "принял бюджет в первом чтении"),
            ("debates the new media law", "обсудил новый закон о СМИ"),
            ("sets the date of the regional elections", "назначил дату региональных выборов"),
            ("approves the new cabinet appointments", "одобрил новые назначения в правительстве"),
        ],
        "topics": [("Elections", "Выборы"), ("Parliament", "Парламент")],
    },
    {
        "slug": "economy",
        "title": {"en": "Economy", "ru": "Экономика"},
        "description": {
            "en": "Markets, energy, trade and finance, with the figures that matter.",
            "ru": "Рынки, энергетика, торговля и финансы — с цифрами, которые важны.",
        },
        "subjects": [
            ("The Central Bank", "Центробанк", "m"),
            ("The Moscow Exchange", "Московская биржа", "f"),
            ("The Energy Ministry", "Минэнерго", "n"),
            ("The statistics service", "Росстат", "m"),
        ],
        "predicates": [
            ("keeps its key rate unchanged", "сохранил ключевую ставку"),
            ("reports growth in industrial output", "сообщил о росте промышленного производства"),
            ("forecasts higher oil exports", "прогнозирует рост экспорта нефти"),
            (
                "publishes the quarterly inflation figures",
                "опубликовал квартальные данные об инфляции",
            ),
        ],
        "topics": [("Oil and gas", "Нефть и газ"), ("Inflation", "Инфляция")],
    },
    {
        "slug": "defense",
        "title": {"en": "Defense", "ru": "Оборона"},
        "description": {
            "en": "Armed forces, security and arms control.",
            "ru": "Вооружённые силы, безопасность и контроль над вооружениями.",
        },
        "subjects": [
            ("The Defense Ministry", "Минобороны", "n"),
            ("The Navy", "ВМФ", "m"),
            ("The General Staff", "Генштаб", "m"),
            ("The Northern Fleet", "Северный флот", "m"),
        ],
        "predicates": [
            ("holds exercises in the Arctic", "провёл учения в Арктике"),
            ("receives a new frigate", "получил новый фрегат"),
            (
                "discusses arms control with partners",
                "обсудил с партнёрами контроль над вооружениями",
            ),
            ("completes the autumn call-up", "завершил осенний призыв"),
        ],
        "topics": [("Arms control", "Контроль над вооружениями"), ("Arctic", "Арктика")],
    },
    {
        "slug": "science",
        "title": {"en": "Science", "ru": "Наука"},
        "description": {
            "en": "Space, research and technology from laboratories and observatories.",
            "ru": "Космос, исследования и технологии из лабораторий и обсерваторий.",
        },
        "subjects": [
            ("Roscosmos", "Роскосмос", "m"),
            ("The Academy of Sciences", "Академия наук", "f"),
            ("A Novosibirsk laboratory", "Новосибирская лаборатория", "f"),
            ("The Baikal neutrino telescope", "Байкальский нейтринный телескоп", "m"),
        ],
        "predicates": [
            ("launches a weather satellite", "запустил метеоспутник"),
            ("presents a new fusion experiment", "представил новый термоядерный эксперимент"),
            ("records an unusual cosmic signal", "зафиксировал необычный космический сигнал"),
            ("publishes a study of permafrost", "опубликовал исследование вечной мерзлоты"),
        ],
        "topics": [("Space", "Космос"), ("Climate", "Климат")],
    },
    {
        "slug": "society",
        "title": {"en": "Society", "ru": "Общество"},
        "description": {
            "en": "Health, education, culture and the lives of ordinary people.",
            "ru": "Здравоохранение, образование, культура и жизнь обычных людей.",
        },
        "subjects": [
            ("The Health Ministry", "Минздрав", "m"),
            ("The Bolshoi Theatre", "Большой театр", "m"),
            ("Moscow State University", "МГУ", "m"),
            ("The Tretyakov Gallery", "Третьяковская галерея", "f"),
        ],
        "predicates": [
            ("opens a new season", "открыл новый сезон"),
            ("announces a vaccination campaign", "объявил о кампании вакцинации"),
            ("welcomes record numbers of visitors", "принял рекордное число посетителей"),
            ("launches a programme for schools", "запустил программу для школ"),
        ],
        "topics": [("Culture", "Культура"), ("Education", "Образование")],
    },
    {
        "slug": "sport",
        "title": {"en": "Sport", "ru": "Спорт"},
        "description": {
            "en": "Football, hockey, tennis and the athletes behind the results.",
            "ru": "Футбол, хоккей, теннис и спортсмены, стоящие за результатами.",
        },
        "subjects": [
            ("Spartak Moscow", "«Спартак»", "m"),
            ("The national hockey team", "Сборная по хоккею", "f"),
            ("Zenit St Petersburg", "«Зенит»", "m"),
            ("The figure skating federation", "Федерация фигурного катания", "f"),
        ],
        "predicates": [
            ("wins the derby in the final minute", "выиграл дерби на последней минуте"),
            ("names its squad for the tournament", "назвал состав на турнир"),
            ("signs a new head coach", "подписал нового главного тренера"),
            ("opens the season with a home win", "открыл сезон домашней победой"),
        ],
        "topics": [("Football", "Футбол"), ("Hockey", "Хоккей")],
    },
]

PLACES = [
    ("Moscow", "Москва"),
    ("St Petersburg", "Санкт-Петербург"),
    ("Novosibirsk", "Новосибирск"),
    ("Kazan", "Казань"),
    ("Vladivostok", "Владивосток"),
    ("Geneva", "Женева"),
    ("Brussels", "Брюссель"),
    ("New York", "Нью-Йорк"),
]

AGENCIES = [
    {"key": "ria", "name": ("RIA Novosti", "РИА Новости"), "short": ("RIA Novosti", "РИА Новости")},
    {"key": "interfax", "name": ("Interfax", "Интерфакс"), "short": ("Interfax", "Интерфакс")},
    {"key": "tass", "name": ("TASS", "ТАСС"), "short": ("TASS", "ТАСС")},
]

AUTHORS = [
    ("Anna Volkova", "anna-volkova", "Diplomatic correspondent"),
    ("Ivan Petrov", "ivan-petrov", "Political editor"),
    ("Maria Sokolova", "maria-sokolova", "Economics correspondent"),
    ("Dmitry Orlov", "dmitry-orlov", "Defense correspondent"),
    ("Elena Kuznetsova", "elena-kuznetsova", "Science writer"),
    ("Sergei Morozov", "sergei-morozov", "Sports reporter"),
]

PHOTOGRAPHERS = ["Eduard Pesov", "Alexei Druzhinin", "Vladimir Fedorenko", "Ekaterina Chesnokova"]

PARAGRAPHS = {
    "en": [
        "Officials said the decision followed weeks of consultations and would take effect "
        "before the end of the year.",
        "Analysts said the move was expected, but its timing caught several observers by surprise.",
        "Further details are expected to be published in the coming days, according to a "
        "statement released after the meeting.",
        "The announcement drew mixed reactions, with some welcoming it as overdue and others "
        "warning of its costs.",
    ],
    "ru": [
        "По словам официальных лиц, решение принято после нескольких недель консультаций и "
        "вступит в силу до конца года.",
        "Аналитики отметили, что шаг был ожидаемым, однако его сроки удивили ряд наблюдателей.",
        "Подробности, как говорится в заявлении по итогам встречи, будут опубликованы в "
        "ближайшие дни.",
        "Объявление вызвало неоднозначную реакцию: одни назвали его давно назревшим, другие "
        "предупредили о его цене.",
    ],
}
QUOTES = {
    "en": ("We will keep the public informed at every step.", "a spokesperson"),
    "ru": ("Мы будем информировать общество на каждом этапе.", "официальный представитель"),
}

CHATS = {
    "en": {
        "index": "Chats",
        "intro": "Talk about the news with other readers. Everyone may read; sign in to write.",
        "general": "General",
    },
    "ru": {
        "index": "Чаты",
        "intro": (
            "Обсуждайте новости с другими читателями. Читать может каждый, писать — после входа."
        ),
        "general": "Общий чат",
    },
}
