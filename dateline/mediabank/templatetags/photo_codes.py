from django import template

from dateline.mediabank.vocabularies import code_label as label

register = template.Library()


@register.filter
def code_label(uri: str) -> str:
    """The words for a PLUS or IPTC code given as its URI."""
    return label(uri)
