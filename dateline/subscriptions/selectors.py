"""Reads for the newsroom: who subscribes, and how each mailing went."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Q, QuerySet

from dateline.newsroom.models import Story
from dateline.subscriptions.models import Delivery, Mailing, Subscriber, Subscription


def mailings_recent(*, limit: int = 50) -> QuerySet[Mailing]:
    """The latest mailings with their delivery counts, in one query."""
    return (
        Mailing.objects.select_related("section")
        .annotate(
            sent=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.SENT)),
            failed=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.FAILED)),
            waiting=Count(
                "deliveries",
                filter=Q(deliveries__status__in=[Delivery.Status.PENDING, Delivery.Status.SENDING]),
            ),
        )
        .order_by("-created_at")[:limit]
    )


def delivery_failures(*, limit: int = 50) -> QuerySet[Delivery]:
    return (
        Delivery.objects.filter(status=Delivery.Status.FAILED)
        .select_related("mailing", "subscriber")
        .order_by("-id")[:limit]
    )


def subscriber_counts() -> dict[str, Any]:
    confirmed = Subscriber.objects.filter(confirmed_at__isnull=False)
    by_kind = dict(
        Subscription.objects.filter(subscriber__confirmed_at__isnull=False)
        .values_list("kind")
        .annotate(n=Count("subscriber", distinct=True))
        .values_list("kind", "n")
    )
    return {
        "confirmed": confirmed.count(),
        "unconfirmed": Subscriber.objects.filter(confirmed_at__isnull=True).count(),
        "by_kind": [(label, by_kind.get(kind, 0)) for kind, label in Subscription.Kind.choices],
    }


def stories_offered(*, language_code: str, ids: Iterable[Any]) -> list[tuple[int, str]]:
    """The (id, title) of the edition's stories among `ids` (text from a form or a link:
    what is not a story of the edition is left out)."""
    wanted = {int(i) for i in ids if str(i).isdigit() and len(str(i)) < 12}
    stories = Story.objects.filter(pk__in=wanted, locale__language_code=language_code)
    return list(stories.order_by("title").values_list("pk", "title"))
