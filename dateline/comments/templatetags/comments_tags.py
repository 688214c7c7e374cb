from django import template
from django.utils.safestring import SafeString

from dateline.accounts.selectors import display_name_of
from dateline.core.plain_text import plain_text_html

register = template.Library()


@register.filter
def plain_text(text: str) -> SafeString:
    return plain_text_html(text)


@register.filter
def reader_name(user) -> str:
    return display_name_of(user=user)
