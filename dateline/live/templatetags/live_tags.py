from django import template

from dateline.live.selectors import news_event_latest_id

register = template.Library()


@register.simple_tag
def latest_event_id(locale_id: int | None) -> int:
    """The newest event a server-rendered newsfeed already shows; its stream resumes there."""
    return news_event_latest_id(locale_id=locale_id) if locale_id else 0
