"""Row ids from outside (addresses, query strings, headers, socket frames): whole numbers a
row can have, or nothing. The database's ids are signed 64-bit; a larger number is no id,
and must be answered as "not found" or "bad request" before any query overflows."""

from __future__ import annotations

LARGEST_ID = 2**63 - 1


def id_from_text(value: str | None) -> int | None:
    """None for an absent value; ValueError for anything but ASCII digits of an id."""
    if value in (None, ""):
        return None
    if not value.isascii() or not value.isdigit() or int(value) > LARGEST_ID:
        raise ValueError(value)
    return int(value)


class IdConverter:
    """`<id:name>` in URL patterns: like `<int:name>`, but only numbers a row can have
    (a larger one is a 404, not a database error)."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > LARGEST_ID:
            raise ValueError(value)  # the resolver tries the next pattern, then 404s
        return number

    def to_url(self, value: int) -> str:
        return str(value)


def id_converter_register() -> None:
    from django.urls import register_converter

    register_converter(IdConverter, "id")
