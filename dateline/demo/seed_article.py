"""The seed article (../shared/seed/sputnik-russia-article.txt) in English and Russian."""

HEADLINE = {
    "en": "Lavrov, Miliband agree to disagree on extradition dispute",
    "ru": "Лавров и Милибэнд остались при своих позициях по спору об экстрадиции",
}
LEDE = {
    "en": (
        "Russia's foreign minister and his British counterpart reiterated on Monday their "
        "opposing positions on the extradition from Russia of the chief suspect in a "
        "high-profile London murder, and moved on to patching up strained ties between the "
        "countries."
    ),
    "ru": (
        "Министр иностранных дел России и его британский коллега в понедельник вновь "
        "изложили противоположные позиции по вопросу об экстрадиции из России главного "
        "подозреваемого в громком лондонском убийстве и перешли к восстановлению "
        "напряжённых отношений между странами."
    ),
}
PLACE = {"en": "Moscow", "ru": "Москва"}
PHOTO_CAPTION = {
    "en": (
        "Meeting of Russian Foreign Minister Sergei Lavrov with British Foreign Secretary "
        "David Miliband in Moscow"
    ),
    "ru": (
        "Встреча министра иностранных дел России Сергея Лаврова с министром иностранных дел "
        "Великобритании Дэвидом Милибэндом в Москве"
    ),
}
PHOTO_CREATOR = "Eduard Pesov"
PHOTO_COPYRIGHT = "© RIA Novosti"

BODY = {
    "en": [
        LEDE["en"],
        "Speaking at a news conference following talks with David Miliband, Sergei Lavrov said "
        "once again that the extradition of Andrei Lugovoi was impossible under Russian law.",
        '"Our position has not changed," Lavrov said. "I believe our British colleagues '
        'understand their demands that we amend our Constitution are absolutely unrealistic."',
        "Miliband told the news conference earlier that London would continue to seek "
        "Lugovoi's extradition, adding however that it should not affect political ties "
        "between the two countries.",
        "British-Russian relations have been frosty since the diplomatic fallout following the "
        "death of Russian security defector Alexander Litvinenko in London in 2006. Russia's "
        "refusal to extradite the suspect led to tit-for-tat expulsions of diplomats.",
        "Miliband arrived in Moscow on Sunday, on the first visit by a British foreign secretary "
        "in five years, and met with Russian officials in an effort to heal the rift in "
        "relations.",
        '"This series of meetings is a chance to add depth and drive to our relationship," '
        "Miliband told Lavrov at the start of their talks on Monday.",
        "He later dismissed Lavrov's accusations that London had not provided enough evidence "
        "against former Kremlin bodyguard and now businessman Lugovoi. He said British security "
        "services had undertaken a major investigation using every opportunity for "
        "international cooperation.",
        "London accused Lugovoi of poisoning Litvinenko with a rare radioactive isotope. "
        "Litvinenko's associates in London said the murder was orchestrated by Moscow. Russian "
        "officials denied the charge.",
        "Russia has its own complaints over extradition practices, as Britain has consistently "
        "refused to extradite several of Russian fugitives living in London. Relations have also "
        "been strained over last year's war with Georgia, the activities of the British Council "
        "in Russia, and the management dispute at the TNK-BP oil joint venture.",
        "Lugovoi, who has repeatedly denied involvement in the poisoning, said later on Monday "
        "London's refusal to try the case in Russia proves it has no evidence.",
        "Britain's judiciary system \"is afraid that the true criminals will be revealed if the "
        'case is tried in Russia," he said, adding that dozens of cases against Russians, who '
        "committed crimes abroad, are considered in Russia every year, which is a routine "
        "practice.",
        "Lugovoi, 42, was elected a member of parliament in 2007.",
    ],
    "ru": [
        LEDE["ru"],
        "Выступая на пресс-конференции по итогам переговоров с Дэвидом Милибэндом, Сергей "
        "Лавров вновь заявил, что выдача Андрея Лугового невозможна по российскому закону.",
        "«Наша позиция не изменилась, — сказал Лавров. — Думаю, британские коллеги понимают, "
        "что их требования изменить нашу Конституцию абсолютно нереалистичны».",
        "Милибэнд ранее заявил на пресс-конференции, что Лондон продолжит добиваться выдачи "
        "Лугового, добавив, однако, что это не должно влиять на политические связи двух стран.",
        "Российско-британские отношения остаются прохладными после дипломатического скандала, "
        "вызванного гибелью в Лондоне в 2006 году бывшего сотрудника российских спецслужб "
        "Александра Литвиненко. Отказ России выдать подозреваемого привёл к взаимной высылке "
        "дипломатов.",
        "Милибэнд прибыл в Москву в воскресенье — это первый за пять лет визит главы МИД "
        "Великобритании — и встретился с российскими официальными лицами, чтобы преодолеть "
        "разлад в отношениях.",
        "«Эта серия встреч — возможность придать нашим отношениям глубину и динамику», — "
        "сказал Милибэнд Лаврову в начале переговоров в понедельник.",
        "Позднее он отверг обвинения Лаврова в том, что Лондон не представил достаточных "
        "доказательств против бывшего охранника Кремля, а ныне бизнесмена Лугового. По его "
        "словам, британские спецслужбы провели масштабное расследование, использовав все "
        "возможности международного сотрудничества.",
        "Лондон обвинил Лугового в отравлении Литвиненко редким радиоактивным изотопом. "
        "Соратники Литвиненко в Лондоне утверждали, что убийство было организовано Москвой. "
        "Российские официальные лица эти обвинения отвергли.",
        "У России есть собственные претензии к практике экстрадиции: Великобритания неизменно "
        "отказывается выдать ряд российских беглецов, живущих в Лондоне. Отношения также "
        "осложнили прошлогодняя война с Грузией, деятельность Британского совета в России и "
        "спор об управлении совместным нефтяным предприятием ТНК-BP.",
        "Луговой, неоднократно отрицавший причастность к отравлению, заявил в понедельник, что "
        "отказ Лондона рассматривать дело в России доказывает отсутствие у него улик.",
        "Судебная система Великобритании «боится, что настоящие преступники будут раскрыты, "
        "если дело будут рассматривать в России», сказал он, добавив, что в России ежегодно "
        "рассматриваются десятки дел против россиян, совершивших преступления за рубежом, и это "
        "обычная практика.",
        "Луговой, 42 года, был избран депутатом Государственной думы в 2007 году.",
    ],
}
TOPICS = {
    "en": ["Sergei Lavrov", "David Miliband", "Extradition", "Russia–UK relations"],
    "ru": ["Сергей Лавров", "Дэвид Милибэнд", "Экстрадиция", "Российско-британские отношения"],
}
