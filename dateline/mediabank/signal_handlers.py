"""The media bank's index follows its photos: written in the transaction that saves one."""

from typing import Any

from django.db.models.signals import post_delete, post_save


def _index(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    from dateline.mediabank.search import photos_index

    if not raw:  # fixtures load rows as they were; `search_reindex` covers them
        photos_index(photos=[instance], using=kwargs.get("using") or "default")


def _unindex(sender: Any, instance: Any, **kwargs: Any) -> None:
    from dateline.mediabank.search import photos_unindex

    photos_unindex(photo_ids=[instance.pk])


def register_signal_handlers() -> None:
    from dateline.mediabank.models import Photo

    post_save.connect(_index, sender=Photo, dispatch_uid="mediabank_search_index")
    post_delete.connect(_unindex, sender=Photo, dispatch_uid="mediabank_search_unindex")
