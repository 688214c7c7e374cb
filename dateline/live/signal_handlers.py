"""Every change to what the public may see of an article records its news event (via the
service): publishing, unpublishing, moving, deleting, and restricting who may view it."""

from typing import Any

from django.db.models.signals import post_save, pre_delete
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from dateline.live.models import NewsEvent
from dateline.live.services import news_event_record

# Open newsfeeds show the newest items only: a restriction over a whole section withdraws
# its newest articles from them; older ones are already out of every newsfeed column.
RESTRICTED_WITHDRAWN = 50


def _article(instance: Any) -> Any:
    from dateline.newsroom.models import ArticlePage

    if isinstance(instance, ArticlePage):
        return instance
    if isinstance(instance, Page) and instance.specific_class is ArticlePage:
        return instance.specific
    return None


def _is_public(article: Any) -> bool:
    from dateline.newsroom.selectors import page_is_public

    return page_is_public(page_id=article.id)


def _published(sender: Any, instance: Any, revision: Any = None, **kwargs: Any) -> None:
    article = _article(instance)
    # Wagtail also sends page_published when a revision is only scheduled: nothing is
    # news until the page is live and public.
    if article is None or not _is_public(article):
        return
    kind = NewsEvent.Kind.PUBLISHED if article.is_first_publication else NewsEvent.Kind.UPDATED
    news_event_record(page=article, kind=kind)


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
    public = _is_public(article)
    news_event_record(
        page=article, kind=NewsEvent.Kind.UPDATED if public else NewsEvent.Kind.UNPUBLISHED
    )


def _deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    from dateline.newsroom.models import ArticlePage

    # Django deletes an article as its ArticlePage row and its Page row: count it once.
    if isinstance(instance, ArticlePage) and instance.live:
        news_event_record(page=instance, kind=NewsEvent.Kind.UNPUBLISHED, deleted=True)


def _restricted(sender: Any, instance: PageViewRestriction, **kwargs: Any) -> None:
    from dateline.newsroom.models import ArticlePage

    articles = (
        ArticlePage.objects.live()
        .descendant_of(instance.page, inclusive=True)
        .order_by("-first_published_at")[:RESTRICTED_WITHDRAWN]
    )
    for article in articles:
        news_event_record(page=article, kind=NewsEvent.Kind.UNPUBLISHED)


def register_signal_handlers() -> None:
    page_published.connect(_published, dispatch_uid="live_news_event_published")
    page_unpublished.connect(_unpublished, dispatch_uid="live_news_event_unpublished")
    post_page_move.connect(_moved, dispatch_uid="live_news_event_moved")
    pre_delete.connect(_deleted, dispatch_uid="live_news_event_deleted")
    post_save.connect(
        _restricted, sender=PageViewRestriction, dispatch_uid="live_news_event_restricted"
    )
