"""Material for the demo's generated articles: sections, and phrases to compose headlines from.

Subjects are singular and predicates in the third person so that every pairing reads
as a sentence in both languages.
"""

SECTIONS = [
    {
        "slug": "world",
        "title": {"en": "World", "ru": "Мир"},
        "description": {
            "en": "News from every continent: diplomacy, conflicts, elections and crises.",
            "ru": "Новости со всех континентов: дипломатия, конфликты, выборы и кризисы.",
        },
        "subjects": [
            ("The UN Security Council", "Совбез ООН"),
            ("The European Commission", "Еврокомиссия"),
            ("The African Union", "Африканский союз"),
            ("The Arab League", "Лига арабских государств"),
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
            ("The Foreign Ministry", "МИД"),
            ("The Kremlin", "Кремль"),
            ("The Moscow city government", "Правительство Москвы"),
            ("The Emergencies Ministry", "МЧС"),
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
            ("The State Duma", "Госдума"),
            ("The Federation Council", "Совет Федерации"),
            ("The Central Election Commission", "Центризбирком"),
            ("The ruling party", "Правящая партия"),
        ],
        "predicates": [
            ("passes the budget in its first reading", "приняла бюджет в первом чтении"),
            ("debates the new media law", "обсудила новый закон о СМИ"),
            ("sets the date of the regional elections", "назначила дату региональных выборов"),
            ("approves the new cabinet appointments", "одобрила новые назначения в правительстве"),
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
            ("The Central Bank", "Центробанк"),
            ("The Moscow Exchange", "Московская биржа"),
            ("The Energy Ministry", "Минэнерго"),
            ("The statistics service", "Росстат"),
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
            ("The Defense Ministry", "Минобороны"),
            ("The Navy", "ВМФ"),
            ("The General Staff", "Генштаб"),
            ("The Northern Fleet", "Северный флот"),
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
            ("Roscosmos", "Роскосмос"),
            ("The Academy of Sciences", "Академия наук"),
            ("A Novosibirsk laboratory", "Новосибирская лаборатория"),
            ("The Baikal neutrino telescope", "Байкальский нейтринный телескоп"),
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
            ("The Health Ministry", "Минздрав"),
            ("The Bolshoi Theatre", "Большой театр"),
            ("Moscow State University", "МГУ"),
            ("The Tretyakov Gallery", "Третьяковская галерея"),
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
            ("Spartak Moscow", "«Спартак»"),
            ("The national hockey team", "Сборная по хоккею"),
            ("Zenit St Petersburg", "«Зенит»"),
            ("The figure skating federation", "Федерация фигурного катания"),
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
