"""Mailings: digests when they fall due, alerts when news breaks, each sent once to each
subscriber it is for, across crashes and retries."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dateline.newsroom.models import ArticlePage, EditionHomePage, SectionPage
from dateline.newsroom.selectors import articles_public, edition_chrome
from dateline.subscriptions import mail
from dateline.subscriptions.models import Delivery, Mailing, Subscriber, Subscription

logger = logging.getLogger(__name__)


def _stalled_since(now: datetime) -> datetime:
    """A mailing with no delivery claimed since then has no worker on it any more (one that
    crashed, a queue that lost the task); a delivery claimed before then and not finished
    was in the hands of a worker that stopped mid-send."""
    return now - timedelta(seconds=settings.DATELINE_MAILING_RESUME_AFTER)


def digests_enqueue_due(*, now: datetime | None = None) -> int:
    """Compose today's digests of every edition whose digest hour has come, once each,
    and hand them to the worker. Run on every scheduler pass; returns how many are new."""
    from dateline.subscriptions.tasks import mailing_send_task

    now = now or timezone.now()
    created = 0
    for edition in EditionHomePage.objects.live().select_related("locale"):
        local = now.astimezone(ZoneInfo(edition.time_zone))
        if local.hour < settings.DATELINE_DIGEST_HOUR:
            continue
        language = edition.locale.language_code
        wanted = Subscription.objects.filter(
            subscriber__confirmed_at__isnull=False, subscriber__language=language
        )
        scopes: list[SectionPage | None] = (
            [None] if wanted.filter(kind=Subscription.Kind.DAILY).exists() else []
        )
        scopes += list(
            SectionPage.objects.live()
            .child_of(edition)
            .filter(pk__in=wanted.filter(kind=Subscription.Kind.SECTION).values("section"))
        )
        for section in scopes:
            mailing = digest_compose(
                language=language, section=section, day=local.date().isoformat(), now=now
            )
            if mailing is not None:
                created += 1
                transaction.on_commit(partial(mailing_send_task.enqueue, mailing.pk))
    return created


def digest_compose(
    *, language: str, section: SectionPage | None, day: str, now: datetime
) -> Mailing | None:
    """The day's digest of an edition (or one section of it), with what was published since
    the last one; None when it was composed already."""
    kind = Subscription.Kind.SECTION if section else Subscription.Kind.DAILY
    previous = (
        Mailing.objects.filter(kind=kind, language=language, section=section)
        .order_by("-period_end")
        .first()
    )
    since = previous.period_end if previous else now - timedelta(days=1)
    articles = articles_public().filter(
        locale__language_code=language,
        first_published_at__gt=since,
        first_published_at__lte=now,
    )
    if section:
        articles = articles.child_of(section)
    ids = list(
        articles.order_by("urgency", "-first_published_at").values_list("id", flat=True)[
            : settings.DATELINE_DIGEST_SIZE
        ]
    )
    try:
        with transaction.atomic():
            return Mailing.objects.create(
                queued_at=now,
                kind=kind,
                language=language,
                section=section,
                key=day,
                period_start=since,
                period_end=now,
                article_ids=ids,
                status=Mailing.Status.SENDING if ids else Mailing.Status.EMPTY,
            )
    except IntegrityError:  # today's is composed already (another pass or process)
        return None


def breaking_alert_compose(*, article: ArticlePage) -> Mailing:
    """The alert for a breaking article."""
    return _alert_compose(article, kind=Subscription.Kind.BREAKING, key=f"article:{article.pk}")


def story_alert_compose(*, article: ArticlePage) -> Mailing:
    """The mail to a story's followers when an article (or a live blog) joins it."""
    key = f"story:{article.story_id}:article:{article.pk}"
    return _alert_compose(article, kind=Subscription.Kind.STORY, key=key)


def _alert_compose(article: ArticlePage, *, kind: str, key: str) -> Mailing:
    """An alert about `article`: made once, in the publishing transaction, so that it is
    resumed like any other mailing if its task is lost."""
    try:
        with transaction.atomic():
            mailing, _created = Mailing.objects.get_or_create(
                kind=kind,
                language=article.locale.language_code,
                section=None,
                key=key,
                defaults={
                    "story_id": article.story_id if kind == Subscription.Kind.STORY else None,
                    "queued_at": timezone.now(),
                    "period_end": article.first_published_at or timezone.now(),
                    "article_ids": [article.pk],
                },
            )
    except IntegrityError:  # made at this moment by another worker
        mailing = Mailing.objects.get(kind=kind, section=None, key=key)
    return mailing


def mailings_resume(*, now: datetime | None = None) -> int:
    """Ask a worker again for mailings left unfinished (a worker that died, a queue that
    lost the task); run on every scheduler pass. Safe: deliveries are claimed one by one,
    so nobody gets a mailing twice."""
    from dateline.subscriptions.tasks import mailing_send_task

    now = now or timezone.now()
    stalled = _stalled_since(now)
    resumed = 0
    for mailing in Mailing.objects.filter(status=Mailing.Status.SENDING, queued_at__lt=stalled):
        if Delivery.objects.filter(mailing=mailing, claimed_at__gte=stalled).exists():
            continue  # a worker is making progress with it
        claimed = Mailing.objects.filter(pk=mailing.pk, queued_at=mailing.queued_at).update(
            queued_at=now
        )
        if claimed:
            transaction.on_commit(partial(mailing_send_task.enqueue, mailing.pk))
            resumed += 1
    return resumed


def mailing_recipients(*, mailing: Mailing):
    """Confirmed subscribers of this mailing's kind, edition and section."""
    wanted = Q(subscriptions__kind=mailing.kind)
    if mailing.section_id:
        wanted &= Q(subscriptions__section_id=mailing.section_id)
    if mailing.kind == Subscription.Kind.STORY:
        wanted &= Q(subscriptions__story_id=mailing.story_id)
    return Subscriber.objects.filter(
        wanted, confirmed_at__isnull=False, language=mailing.language
    ).distinct()


def mailing_send(*, mailing_id: int) -> dict[str, int]:
    """Send a mailing to everyone it is for who has not had it: safe to run again after a
    failure and beside another worker, each delivery being claimed before it is sent."""
    from dateline.subscriptions import push

    mailing = Mailing.objects.get(pk=mailing_id)
    if mailing.status == Mailing.Status.EMPTY:
        return {"sent": 0, "failed": 0}
    Delivery.objects.bulk_create(
        [Delivery(mailing=mailing, subscriber=s) for s in mailing_recipients(mailing=mailing)],
        ignore_conflicts=True,
    )
    if mailing.kind == Subscription.Kind.BREAKING:
        push.deliveries_create(mailing)
    _stale_claims_fail(mailing)
    articles = _articles_of(mailing)
    letter = _letter(mailing, articles)
    counts = {"sent": 0, "failed": 0}
    pending = Delivery.objects.filter(mailing=mailing, status=Delivery.Status.PENDING)
    for delivery in pending.select_related("subscriber", "push").order_by("id").iterator():
        if not _claim(delivery):
            continue  # another worker has it
        try:
            if not articles:
                raise RuntimeError("Every article of this mailing was unpublished before sending.")
            if delivery.subscriber is not None:
                letter.send(delivery.subscriber)
            elif delivery.push is not None:
                push.push_delivery(mailing, delivery.push, articles)
            else:
                raise RuntimeError("The browser unsubscribed before the alert went out.")
        except Exception as error:  # noqa: BLE001 - one recipient must not stop the others
            logger.warning("Delivery %s of mailing %s failed: %s", delivery.pk, mailing.pk, error)
            Delivery.objects.filter(pk=delivery.pk).update(
                status=Delivery.Status.FAILED, error=str(error)[:2000]
            )
            counts["failed"] += 1
            continue
        Delivery.objects.filter(pk=delivery.pk).update(
            status=Delivery.Status.SENT, sent_at=timezone.now()
        )
        counts["sent"] += 1
    unfinished = [Delivery.Status.PENDING, Delivery.Status.SENDING]
    if not Delivery.objects.filter(mailing=mailing, status__in=unfinished).exists():
        Mailing.objects.filter(pk=mailing.pk).update(status=Mailing.Status.DONE)
    return counts


def _claim(delivery: Delivery) -> bool:
    return bool(
        Delivery.objects.filter(pk=delivery.pk, status=Delivery.Status.PENDING).update(
            status=Delivery.Status.SENDING, claimed_at=timezone.now()
        )
    )


def _stale_claims_fail(mailing: Mailing) -> None:
    """Deliveries a stopped worker had in hand: the mail may or may not have left, so they
    are not sent again but marked failed, where editors see them (Subscriptions report)."""
    stale = Delivery.objects.filter(
        mailing=mailing,
        status=Delivery.Status.SENDING,
        claimed_at__lt=_stalled_since(timezone.now()),
    ).update(
        status=Delivery.Status.FAILED,
        error="The worker stopped while sending; not sent again in case it arrived.",
    )
    if stale:
        logger.warning("Mailing %s: %d deliveries left mid-send by a worker", mailing.pk, stale)


def _articles_of(mailing: Mailing) -> list[ArticlePage]:
    """The mailing's articles in their composed order, leaving out any unpublished since."""
    found = {a.pk: a for a in articles_public().filter(pk__in=mailing.article_ids)}
    return [found[pk] for pk in mailing.article_ids if pk in found]


@dataclass(frozen=True)
class Letter:
    """A mailing's mail, composed once: every recipient shares its language and edition;
    only the links to change or stop it are their own."""

    mailing: Mailing
    subject: str
    template: str
    unsubscribe_scope: str
    context: dict

    def send(self, subscriber: Subscriber) -> None:
        mail.mail_compose(
            to=subscriber,
            template=self.template,
            subject=self.subject,
            context=self.context,
            list_id=f"{self.mailing.kind}.{self.mailing.language}.dateline",
            unsubscribe_scope=self.unsubscribe_scope,
        ).send()


def _letter(mailing: Mailing, articles: list[ArticlePage]) -> Letter:
    edition = edition_chrome(language_code=mailing.language)
    brand = edition.brand_name if edition else "Dateline"
    with translation.override(mailing.language):
        if mailing.kind == Subscription.Kind.BREAKING:
            subject = _("Breaking: %(headline)s") % {
                "headline": articles[0].title if articles else ""
            }
            template, scope = "breaking", str(Subscription.Kind.BREAKING)
        elif mailing.kind == Subscription.Kind.STORY:
            subject = _("%(story)s: %(headline)s") % {
                "story": mailing.story.title if mailing.story else "",
                "headline": articles[0].title if articles else "",
            }
            template, scope = "story", f"{Subscription.Kind.STORY}:{mailing.story_id}"
        elif mailing.section_id:
            subject = _("%(section)s: today's digest from %(brand)s") % {
                "section": mailing.section.title if mailing.section else "",
                "brand": brand,
            }
            template, scope = "digest", f"{Subscription.Kind.SECTION}:{mailing.section_id}"
        else:
            subject = _("Today's digest from %(brand)s") % {"brand": brand}
            template, scope = "digest", Subscription.Kind.DAILY
    context = {
        "articles": [(a, mail.public_url(a.url)) for a in articles],
        "brand": brand,
        "mailing": mailing,
    }
    return Letter(mailing, subject, template, scope, context)
