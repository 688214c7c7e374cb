"""Every change to what the public may see of an article records its news event (via the
service): publishing, unpublishing, moving, deleting, and restricting who may view it."""

from typing import Any

from django.db.models.signals import post_save, pre_delete
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from dateline.live.models import NewsEvent
from dateline.live.outbox import KEEP
from dateline.live.services import news_event_record
from dateline.newsroom.selectors import page_is_public


def _article(instance: Any) -> Any:
    from dateline.newsroom.models import ArticlePage

    if isinstance(instance, ArticlePage):
        return instance
    specific_class = instance.specific_class if isinstance(instance, Page) else None
    if specific_class is not None and issubclass(specific_class, ArticlePage):
        return instance.specific
    return None


def _live_flag(article: Any) -> dict[str, Any]:
    """A live blog still covering its story is marked live in the newsfeed."""
    return {"live": True} if getattr(article, "is_live", False) else {}


def _published(sender: Any, instance: Any, revision: Any = None, **kwargs: Any) -> None:
    article = _article(instance)
    # Wagtail also sends page_published when a revision is only scheduled: nothing is
    # news until the page is live and public.
    if article is None or not page_is_public(page_id=article.id):
        return
    kind = NewsEvent.Kind.PUBLISHED if article.is_first_publication else NewsEvent.Kind.UPDATED
    news_event_record(page=article, kind=kind, data=_live_flag(article))


def _unpublished(sender: Any, instance: Any, **kwargs: Any) -> None:
    article = _article(instance)
    if article is not None:
        news_event_record(page=article, kind=NewsEvent.Kind.UNPUBLISHED)


def _moved(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A new address, or a move into a restricted section that takes it off the site."""
    article = _article(instance)
    if article is None or not article.live:
        return
    article.refresh_from_db()
    public = page_is_public(page_id=article.id)
    if public:
        news_event_record(page=article, kind=NewsEvent.Kind.UPDATED, data=_live_flag(article))
    else:
        news_event_record(page=article, kind=NewsEvent.Kind.UNPUBLISHED)


def _deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    # Connected for ArticlePage alone: its Page row, deleted with it, is not counted again.
    if instance.live:
        news_event_record(page=instance, kind=NewsEvent.Kind.UNPUBLISHED, deleted=True)


def _restricted(
    sender: Any, instance: PageViewRestriction, created: bool = False, **kwargs: Any
) -> None:
    """Withdraw what readers may still be shown of the pages now restricted: articles
    among the events the watchers keep for replay, and the newest ones, which the
    newsfeed columns of open pages list. Older ones are in no open page and no replay."""
    from django.conf import settings

    from dateline.newsroom.models import ArticlePage

    if not created:  # a new password on the same restriction changes nothing readers see
        return
    articles = ArticlePage.objects.live().descendant_of(instance.page, inclusive=True)
    replayable = set(NewsEvent.objects.order_by("-id").values_list("page_key", flat=True)[:KEEP])
    newest = articles.order_by("-first_published_at").values_list("id", flat=True)
    shown = replayable | set(newest[: settings.DATELINE_NEWSFEED_SIZE])
    for article in articles.filter(id__in=shown):
        news_event_record(page=article, kind=NewsEvent.Kind.UNPUBLISHED)


def _entry_changed(sender: Any, entry: Any, action: str, **kwargs: Any) -> None:
    """A live blog's entry posted, edited or deleted: an event for its open pages, when the
    public may read the blog. A deleted entry's words leave the outbox with it."""
    blog = entry.blog
    if not page_is_public(page_id=blog.id):
        return
    if action == "deleted":
        NewsEvent.objects.filter(
            kind=NewsEvent.Kind.ENTRY, page_key=blog.id, data__entry=entry.pk
        ).update(data={"entry": entry.pk, "html": ""})
        news_event_record(page=blog, kind=NewsEvent.Kind.ENTRY_DELETED, data={"entry": entry.pk})
        return
    news_event_record(page=blog, kind=NewsEvent.Kind.ENTRY, data=entry_message(entry))


def entry_message(entry: Any) -> dict[str, Any]:
    """What an open page needs to place an entry: its id, time, pinning and HTML (as the
    page renders it, in the blog's language and its edition's time zone)."""
    from django.template.loader import render_to_string
    from django.utils import timezone, translation

    from dateline.newsroom.selectors import edition_time_zone

    language = entry.blog.locale.language_code
    with (
        translation.override(language),
        timezone.override(edition_time_zone(language_code=language)),
    ):
        html = render_to_string("newsroom/includes/live_blog_entry.html", {"entry": entry})
    return {
        "entry": entry.pk,
        "posted_at": entry.posted_at.isoformat(),
        "pinned": entry.pinned,
        "html": html,
    }


def register_signal_handlers() -> None:
    from dateline.newsroom.liveblog import entry_changed
    from dateline.newsroom.models import ArticlePage, LiveBlogEntry

    page_published.connect(_published, dispatch_uid="live_news_event_published")
    entry_changed.connect(_entry_changed, sender=LiveBlogEntry, dispatch_uid="live_entry")
    page_unpublished.connect(_unpublished, dispatch_uid="live_news_event_unpublished")
    post_page_move.connect(_moved, dispatch_uid="live_news_event_moved")
    # Sent for articles only: a receiver for every model would stop Django from deleting
    # anything else (chat presence, deliveries…) in one query.
    pre_delete.connect(_deleted, sender=ArticlePage, dispatch_uid="live_news_event_deleted")
    post_save.connect(
        _restricted, sender=PageViewRestriction, dispatch_uid="live_news_event_restricted"
    )
