"""Decoupled reactions: when what readers see changes, forget cached reads and pages."""

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from dateline.core.cache_generation import cache_generation_bump


def _forget_cached_pages(**kwargs: Any) -> None:
    transaction.on_commit(cache_generation_bump)


def register_signal_handlers() -> None:
    from wagtail.models import Page, PageViewRestriction

    from dateline.mediabank.models import Photo
    from dateline.newsroom.models import Agency, Author, Story

    page_published.connect(_forget_cached_pages, dispatch_uid="newsroom_forget_published")
    page_unpublished.connect(_forget_cached_pages, dispatch_uid="newsroom_forget_unpublished")
    post_page_move.connect(_forget_cached_pages, dispatch_uid="newsroom_forget_moved")
    post_delete.connect(_forget_cached_pages, sender=Page, dispatch_uid="newsroom_forget_deleted")
    # Credits, agency names, bylines and story titles appear on published pages too; a view
    # restriction takes pages off every public listing.
    for model in (Photo, Agency, Author, Story, PageViewRestriction):
        post_save.connect(
            _forget_cached_pages, sender=model, dispatch_uid=f"forget_{model.__name__}"
        )
        post_delete.connect(
            _forget_cached_pages, sender=model, dispatch_uid=f"forget_del_{model.__name__}"
        )
