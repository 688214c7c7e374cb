"""IPTC urgency as the newsroom uses it: 1 most urgent, 8 least (the wire's 9 is taken as
8); 1–2 is breaking news, which readers see flagged and subscribers get pushed."""

URGENCY_MOST = 1
URGENCY_LEAST = 8
URGENCY_DEFAULT = 4
BREAKING_URGENCY = 2


def urgency_is_breaking(urgency: int) -> bool:
    return urgency <= BREAKING_URGENCY


def urgency_for_article(urgency: int | None) -> int:
    """An article's urgency from what a source said (nothing: the default)."""
    return min(max(urgency or URGENCY_DEFAULT, URGENCY_MOST), URGENCY_LEAST)
