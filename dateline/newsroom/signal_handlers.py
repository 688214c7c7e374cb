"""Decoupled reactions to the page tree changing."""

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

from dateline.newsroom.selectors import newsroom_cache_invalidate


def _invalidate(**kwargs: Any) -> None:
    transaction.on_commit(newsroom_cache_invalidate)


def register_signal_handlers() -> None:
    from wagtail.models import Page

    page_published.connect(_invalidate, dispatch_uid="newsroom_invalidate_published")
    page_unpublished.connect(_invalidate, dispatch_uid="newsroom_invalidate_unpublished")
    post_page_move.connect(_invalidate, dispatch_uid="newsroom_invalidate_moved")
    post_delete.connect(_invalidate, sender=Page, dispatch_uid="newsroom_invalidate_deleted")
