"""Reads about readers."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User

from dateline.accounts.models import ReaderProfile


def display_name_of(*, user: User | None) -> str:
    """The name other readers see; never the e-mail address."""
    if user is None:
        return ""
    try:
        name = user.reader.display_name
    except ReaderProfile.DoesNotExist:  # staff made in the admin have no reader profile
        name = user.get_full_name() or user.get_username()
    return name


def user_display(user: User) -> str:
    """allauth's name for a reader (ACCOUNT_USER_DISPLAY): on its pages, messages and mail
    the reader is the display name they chose, never the username allauth made up."""
    return display_name_of(user=user)


def reader_is_banned(*, user: User | AnonymousUser) -> bool:
    if not user.is_authenticated:
        return False
    return ReaderProfile.objects.filter(user_id=user.pk, banned_at__isnull=False).exists()
