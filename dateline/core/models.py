from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class ProxyPurge(models.Model):
    """Surrogate keys a caching proxy must forget, written in the transaction that changed
    what they name, so a purge is never lost between the commit and the proxy: it is sent
    right after the commit and, if the proxy did not take it, again on the scheduler's
    passes until it does."""

    proxy = models.CharField(_("proxy"), max_length=200)
    keys = models.TextField(_("keys"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("proxy purge")
        indexes = [models.Index(fields=["next_attempt_at"], name="core_purge_due")]

    def __str__(self) -> str:
        return f"{self.proxy}: {self.keys}"


class CacheInvalidation(models.Model):
    """Surrogate keys whose pages every web process of the embedded profile must forget
    from its own memory: written in the transaction of the change, read by each process's
    watcher (see `cache_invalidations`), pruned after a day."""

    id = models.BigAutoField(primary_key=True)
    keys = models.TextField(_("keys"))
    withdrawn = models.BooleanField(
        _("withdrawn"), default=False, help_text=_("Pages are dropped, not served stale.")
    )
    origin = models.CharField(_("written by process"), max_length=32)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("cache invalidation")

    def __str__(self) -> str:
        return self.keys


class SearchEntry(models.Model):
    """One searchable thing (an article, a photo) as the search index holds it: its text
    already analysed into terms (`core.search.analysis`), in three weights: the heading,
    the summary and the rest.

    SQLite indexes the terms in an FTS5 table kept by triggers; PostgreSQL in the
    `document` and `heading` vectors, filled by a trigger (which keeps the terms there
    alone) and read through GIN indexes (migrations 0003 to 0005).
    Written in the transaction that publishes or saves what it describes.
    """

    id = models.BigAutoField(primary_key=True)
    kind = models.CharField(_("kind"), max_length=20)
    object_id = models.BigIntegerField(_("object id"))
    language = models.CharField(_("language"), max_length=12)
    scope = models.TextField(
        _("scope"), help_text=_("Kind and language, and the facets a search narrows by.")
    )
    # SQLite's FTS5 row id: in the order of publication, so "newest first" is the index's own.
    sequence = models.BigIntegerField(_("sequence"), unique=True)
    title = models.TextField(_("heading terms"), blank=True)
    summary = models.TextField(_("summary terms"), blank=True)
    body = models.TextField(_("body terms"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    document = SearchVectorField(null=True, editable=False)  # PostgreSQL's, by trigger
    # The heading and summary alone (PostgreSQL's, by trigger): small enough to rank many.
    heading = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="core_search_one_entry")
        ]
        # The newest entries of one kind and language, in the order of publication
        # (PostgreSQL's "newest first" and "since").
        indexes = [models.Index(fields=["kind", "language", "sequence"], name="core_search_newest")]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"
