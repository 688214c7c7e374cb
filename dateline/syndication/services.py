"""Writes of the syndication app: partners' API keys."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from dateline.syndication.models import ApiKey

KEY_PREFIX = "dl"
LAST_USED_PRECISION = timedelta(minutes=5)  # one write per key per five minutes at most


def key_hash(*, key: str) -> str:
    # The key is 32 random bytes: a plain digest is enough, no slow hash needed.
    return hashlib.sha256(key.encode()).hexdigest()


def api_key_create(*, name: str, created_by: User | None = None) -> tuple[ApiKey, str]:
    """A new key for `name`; returns the stored record and the key, which is not kept."""
    prefix = secrets.token_hex(4)
    key = f"{KEY_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    record = ApiKey.objects.create(
        name=name.strip(), prefix=prefix, key_hash=key_hash(key=key), created_by=created_by
    )
    return record, key


def api_key_revoke(*, prefix: str) -> bool:
    return bool(
        ApiKey.objects.filter(prefix=prefix, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
    )


def api_key_resolve(*, key: str) -> ApiKey | None:
    """The active key record for `key`, noting its use; None for unknown or revoked keys."""
    record = ApiKey.objects.filter(key_hash=key_hash(key=key), revoked_at__isnull=True).first()
    if record is None:
        return None
    now = timezone.now()
    if record.last_used_at is None or now - record.last_used_at > LAST_USED_PRECISION:
        ApiKey.objects.filter(pk=record.pk).update(last_used_at=now)
    return record
