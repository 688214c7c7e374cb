"""Reads for the newsroom: who subscribes, and how each mailing went."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

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
