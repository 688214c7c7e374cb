from datetime import UTC, datetime

from django.utils import translation

from dateline.newsroom.datelines import format_dateline

PUBLISHED = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)


def test_english_dateline_matches_the_wire_style():
    with translation.override("en"):
        text = format_dateline(
            place="Moscow",
            published_at=PUBLISHED,
            agency_short_name="RIA Novosti",
            time_zone="Europe/Moscow",
        )
    assert text == "MOSCOW, November 2 (RIA Novosti) –"


def test_russian_dateline_declines_the_month():
    with translation.override("ru"):
        text = format_dateline(
            place="Москва",
            published_at=PUBLISHED,
            agency_short_name="РИА Новости",
            time_zone="Europe/Moscow",
        )
    assert text == "МОСКВА, 2 ноября (РИА Новости) –"


def test_date_is_taken_in_the_editions_time_zone():
    late_evening_utc = datetime(2026, 11, 1, 22, 30, tzinfo=UTC)
    with translation.override("en"):
        moscow = format_dateline(
            place="Moscow",
            published_at=late_evening_utc,
            agency_short_name="",
            time_zone="Europe/Moscow",
        )
        london = format_dateline(
            place="London",
            published_at=late_evening_utc,
            agency_short_name="",
            time_zone="Europe/London",
        )
    assert moscow == "MOSCOW, November 2 –"
    assert london == "LONDON, November 1 –"


def test_missing_parts_are_left_out():
    assert format_dateline(place="", published_at=None, agency_short_name="", time_zone="UTC") == ""
    assert (
        format_dateline(place="", published_at=None, agency_short_name="TASS", time_zone="UTC")
        == "(TASS) –"
    )
