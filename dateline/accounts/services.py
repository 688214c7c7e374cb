"""Writes about readers: profile, ban, and the reader's own export and erasure."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from allauth.account.models import EmailAddress
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dateline.accounts.models import ReaderProfile
from dateline.core.errors import Refused


class ReaderDataExport(Protocol):
    def __call__(self, *, user: User) -> Any: ...


class ReaderDataErase(Protocol):
    def __call__(self, *, user: User) -> None: ...


@dataclass(frozen=True)
class ReaderData:
    export: ReaderDataExport
    erase: ReaderDataErase


# Each app that keeps something a reader wrote registers how to export and erase it.
READER_DATA: dict[str, ReaderData] = {}


def reader_data_register(*, name: str, export: ReaderDataExport, erase: ReaderDataErase) -> None:
    READER_DATA[name] = ReaderData(export=export, erase=erase)


def reader_profile_save(*, user: User, display_name: str) -> ReaderProfile:
    profile, _created = ReaderProfile.objects.update_or_create(
        user=user, defaults={"display_name": display_name.strip()}
    )
    return profile


def reader_data_export(*, user: User) -> dict[str, Any]:
    """Everything Dateline keeps about the reader, as plain JSON values."""
    profile = ReaderProfile.objects.filter(user=user).first()
    data: dict[str, Any] = {
        "account": {
            "joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "display_name": profile.display_name if profile else "",
            "email_addresses": [
                {"email": address.email, "verified": address.verified, "primary": address.primary}
                for address in EmailAddress.objects.filter(user=user).order_by("id")
            ],
        }
    }
    for name, kept in READER_DATA.items():
        data[name] = kept.export(user=user)
    return data


@transaction.atomic
@transaction.atomic
def reader_delete(*, user: User) -> None:
    """Delete the account; each app erases or anonymises what the reader wrote (all of it
    or, if anything fails, none of it)."""
    if user.is_staff or user.is_superuser:
        raise Refused(_("Staff accounts are closed by an administrator."), code="staff", status=403)
    for kept in READER_DATA.values():
        kept.erase(user=user)
    user.delete()


def reader_ban(*, moderator: User, user: User, reason: str) -> None:
    """From now on the reader can neither comment nor chat."""
    if not moderator.has_perm("comments.moderate_comment"):
        raise PermissionDenied
    ReaderProfile.objects.update_or_create(
        user=user,
        defaults={"banned_at": timezone.now(), "ban_reason": reason[:255], "banned_by": moderator},
    )


def reader_unban(*, moderator: User, user: User) -> None:
    if not moderator.has_perm("comments.moderate_comment"):
        raise PermissionDenied
    ReaderProfile.objects.filter(user=user).update(banned_at=None, ban_reason="", banned_by=None)
