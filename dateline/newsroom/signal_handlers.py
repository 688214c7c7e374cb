"""Decoupled reactions: when what readers see changes, forget cached reads and pages, here
and in the caching proxies (by surrogate key, see `surrogate_keys`)."""

from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, transaction
from django.db.models.signals import post_delete, post_migrate, post_save, pre_delete, pre_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from dateline.core.cache_generation import cache_generation_bump
from dateline.core.purge import purge_enabled, purge_keys
from dateline.newsroom.surrogate_keys import page_change_keys

# Past this many articles sharing a changed photo, whole editions are purged instead.
PHOTO_ARTICLES_PURGED_ONE_BY_ONE = 50


def _forget_cached_pages(**kwargs: Any) -> None:
    transaction.on_commit(cache_generation_bump)


def _purge_page(*, withdrawn: bool) -> Any:
    def purge(sender: Any, instance: Any, **kwargs: Any) -> None:
        """Published (live only: a scheduled revision changes nothing yet), unpublished or
        about to be deleted: every response showing the page as it is stored now."""
        if purge_enabled() and instance.live:
            purge_keys(page_change_keys(instance), withdrawn=withdrawn)

    return purge


def _purge_before_save(sender: Any, instance: Any, update_fields: Any = None, **kw: Any) -> None:
    """A live page saved whole (a publish): the responses that show it as it was, since
    an edit can take it off a topic, an author or a story that its new state no longer
    names."""
    if not purge_enabled() or instance.pk is None or update_fields is not None:
        return
    stored = type(instance).objects.filter(pk=instance.pk, live=True).first()
    if stored is not None:
        # Unpublished, or moved to another address: the old page must go at once.
        withdrawn = not instance.live or instance.url_path != stored.url_path
        purge_keys(page_change_keys(stored), withdrawn=withdrawn)


def _purge_moved(sender: Any, instance: Any, parent_page_before: Any, **kwargs: Any) -> None:
    if not purge_enabled():
        return
    instance.refresh_from_db()
    before = parent_page_before.get_parent()
    # Its listings before and after; a section that moves names its whole edition (its
    # articles all change address), as page_change_keys says for every non-article.
    purge_keys(
        {
            *page_change_keys(instance),
            f"list-{parent_page_before.id}",
            f"list-{before.id}" if before else "",
        },
        withdrawn=True,
    )


def _purge_restricted(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A view restriction takes the page off the site; on a section or a home, everything
    under it, which the edition key of a non-article page covers."""
    if purge_enabled():
        purge_keys(page_change_keys(instance.page), withdrawn=True)


def _purge_snippet(prefix: str, *, listed: bool = False) -> Any:
    def purge(sender: Any, instance: Any, **kwargs: Any) -> None:
        if purge_enabled():
            keys = [f"{prefix}-{instance.pk}", f"list-{prefix}-{instance.pk}" if listed else ""]
            purge_keys(keys)

    return purge


def _purge_photo(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A photo's credit is on its renditions, its media bank page and every article page
    that shows it; listings show its renditions."""
    from dateline.newsroom.models import ArticlePage

    if not purge_enabled():
        return
    keys = {f"photo-{instance.pk}"}
    keys.update(f"mediabank-{code}" for code, _ in settings.LANGUAGES)
    articles = list(
        ArticlePage.objects.live()
        .filter(lead_photo_id=instance.pk)
        .select_related("locale")[: PHOTO_ARTICLES_PURGED_ONE_BY_ONE + 1]
    )
    if len(articles) > PHOTO_ARTICLES_PURGED_ONE_BY_ONE:
        keys.update(f"edition-{code}" for code, _ in settings.LANGUAGES)
    else:
        for article in articles:
            keys.update(page_change_keys(article))
    purge_keys(keys)


def _index_saved(
    sender: Any, instance: Any, update_fields: Any = None, raw: bool = False, **kwargs: Any
) -> None:
    """The entry mirrors the article's row, which holds its live state: rewritten when the
    row is saved live (a publish, an import), dropped when saved unpublished. A draft is
    saved to a revision and touches only bookkeeping columns of the row: skipped."""
    from dateline.newsroom.search import INDEXED_FIELDS, articles_index

    if raw or (update_fields is not None and not INDEXED_FIELDS & set(update_fields)):
        return
    if instance.live:
        articles_index(articles=[instance])
    else:
        _unindex(sender, instance)


def _unindex(sender: Any, instance: Any, **kwargs: Any) -> None:
    from dateline.newsroom.search import articles_unindex

    articles_unindex(article_ids=[instance.pk])


def _reindex_moved(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Moved articles are in other sections: their entries' section facets follow."""
    from dateline.newsroom.search import articles_reindex_under

    articles_reindex_under(instance)


def _search_index_fill(
    sender: Any, using: str = "default", verbosity: int = 1, **kwargs: Any
) -> None:
    """A site migrated to a version whose index is new (or was dropped to be written anew)
    has articles and photos but no entries: fill it, so its search works without a manual
    step, showing progress as `search_reindex` does."""
    from django.core.management import call_command

    from dateline.core.models import SearchEntry
    from dateline.mediabank.models import Photo
    from dateline.newsroom.models import ArticlePage

    # The index lives in the default database; a migration back before it has no table.
    if (
        using != DEFAULT_DB_ALIAS
        or SearchEntry._meta.db_table not in connection.introspection.table_names()
    ):
        return
    if SearchEntry.objects.exists():
        return
    if ArticlePage.objects.live().exists() or Photo.objects.exists():
        call_command("search_reindex", verbosity=verbosity, stdout=kwargs.get("stdout"))


def register_signal_handlers() -> None:
    from wagtail.models import Page, PageViewRestriction

    from dateline.mediabank.models import Photo
    from dateline.newsroom.models import (
        Agency,
        ArticlePage,
        Author,
        EditionHomePage,
        SectionPage,
        Story,
    )

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

    page_published.connect(
        _purge_page(withdrawn=False), dispatch_uid="newsroom_purge_published", weak=False
    )
    page_unpublished.connect(
        _purge_page(withdrawn=True), dispatch_uid="newsroom_purge_unpublished", weak=False
    )
    post_page_move.connect(_purge_moved, dispatch_uid="newsroom_purge_moved")
    # The search index follows the live rows; visibility is checked again at query time.
    post_save.connect(_index_saved, sender=ArticlePage, dispatch_uid="search_index")
    post_page_move.connect(_reindex_moved, dispatch_uid="search_reindex_moved")
    # Once a migrate (after this app's tables), not once for every installed app.
    post_migrate.connect(
        _search_index_fill, sender=apps.get_app_config("newsroom"), dispatch_uid="search_fill"
    )
    # Any page deleted lets its entry go, however it was deleted (with its section too).
    post_delete.connect(_unindex, sender=Page, dispatch_uid="search_unindex")
    for model in (ArticlePage, SectionPage, EditionHomePage):
        pre_save.connect(_purge_before_save, sender=model, dispatch_uid=f"purge_{model.__name__}")
        pre_delete.connect(
            _purge_page(withdrawn=True),
            sender=model,
            dispatch_uid=f"purge_del_{model.__name__}",
            weak=False,
        )
    for signal, name in ((post_save, "save"), (post_delete, "delete")):
        signal.connect(_purge_restricted, sender=PageViewRestriction, dispatch_uid=f"r_{name}")
        signal.connect(_purge_photo, sender=Photo, dispatch_uid=f"purge_photo_{name}")
        for model, prefix, listed in (
            (Author, "author", True),
            (Agency, "agency", False),
            (Story, "story", True),
        ):
            signal.connect(
                _purge_snippet(prefix, listed=listed),
                sender=model,
                dispatch_uid=f"purge_{prefix}_{name}",
                weak=False,
            )
