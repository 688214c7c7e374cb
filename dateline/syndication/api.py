"""The ninjs API for partners: published articles only, read-only, by API key.

GET /api/ninjs/items/ lists (filters: edition, section, topic, since, q; cursor
pagination), GET /api/ninjs/items/<id>/ gives one; `?version=3` answers in ninjs 3.1.
The OpenAPI document is at /api/ninjs/openapi.json, its reader at /api/ninjs/docs.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.core import signing
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.dateparse import parse_datetime
from django.utils.timezone import is_naive, make_aware
from django.views.decorators.http import conditional_page
from ninja import NinjaAPI, Query, Schema
from ninja.errors import AuthenticationError
from ninja.security import APIKeyHeader, HttpBearer
from taggit.models import Tag

from dateline.core.ratelimits import rate_exceeded
from dateline.newsroom.models import ArticlePage, SectionPage
from dateline.syndication import ninjs
from dateline.syndication.models import ApiKey
from dateline.syndication.selectors import (
    newest_first,
    syndicated_articles,
    with_live_blog_entries,
    withdrawal_latest,
    withdrawals_recent,
)
from dateline.syndication.services import api_key_resolve

CURSOR_SALT = "dateline.ninjs.cursor"
MAX_LIMIT = 100
MAX_FILTER_LENGTH = 200


class ApiError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _authenticated(request: HttpRequest, key: str | None) -> ApiKey | None:
    record = api_key_resolve(key=key) if key else None
    if record is None:
        return None
    if rate_exceeded(group="api.ninjs", value=str(record.pk), rate=settings.DATELINE_API_RATE):
        raise ApiError(
            429, f"Too many requests for this key; the limit is {settings.DATELINE_API_RATE}."
        )
    return record


class KeyHeader(APIKeyHeader):
    param_name = "X-API-Key"

    def authenticate(self, request: HttpRequest, key: str | None) -> ApiKey | None:
        return _authenticated(request, key)


class KeyBearer(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiKey | None:
        return _authenticated(request, token)


api = NinjaAPI(
    title="Dateline ninjs API",
    version="1.0",
    description=(
        "Published articles as IPTC ninjs 2.2 (or 3.1 with `version=3`). Send your key in "
        "the `X-API-Key` header or as `Authorization: Bearer <key>`."
    ),
    urls_namespace="ninjs_api",
    auth=[KeyHeader(), KeyBearer()],
)


@api.exception_handler(ApiError)
def _api_error(request: HttpRequest, error: ApiError) -> HttpResponse:
    return api.create_response(request, {"detail": error.message}, status=error.status)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
    message = "Unknown or revoked API key. Send a key in the X-API-Key header."
    response = api.create_response(request, {"detail": message}, status=401)
    # RFC 9110: a 401 names how to authenticate (the bearer form of the same key).
    response["WWW-Authenticate"] = 'Bearer realm="Dateline ninjs API"'
    return response


class ItemFilters(Schema):
    edition: str | None = None
    section: str | None = None
    topic: str | None = None
    since: str | None = None
    q: str | None = None
    cursor: str | None = None
    limit: int = 20
    version: str | None = None


@api.get("/items/", summary="Published articles, newest first")
def items(request: HttpRequest, filters: Query[ItemFilters]) -> dict[str, Any]:
    version = _version(filters.version)
    if not 1 <= filters.limit <= MAX_LIMIT:
        raise ApiError(400, f"limit must be between 1 and {MAX_LIMIT}.")
    queryset = _filtered(with_live_blog_entries(syndicated_articles()), filters)
    if filters.cursor:
        published, article_id = _cursor_position(filters.cursor)
        queryset = queryset.filter(
            Q(first_published_at__lt=published) | Q(first_published_at=published, id__lt=article_id)
        )
    page = list(newest_first(queryset=queryset)[: filters.limit + 1])
    more, page = len(page) > filters.limit, page[: filters.limit]
    next_url = None
    if more:
        last = page[-1]
        query = request.GET.copy()
        query["cursor"] = signing.dumps(
            [last.first_published_at.isoformat(), last.id], salt=CURSOR_SALT
        )
        next_url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
    return {
        "items": [
            ninjs.article_ninjs(a, absolute=request.build_absolute_uri, version=version)
            for a in page
        ],
        "next": next_url,
    }


@api.get("/items/{article_id}/", summary="One published article, or the notice it was taken back")
def item(request: HttpRequest, article_id: int, version: str | None = None) -> dict[str, Any]:
    version = _version(version)
    if not 0 < article_id < 2**31:
        raise ApiError(404, f"No published article has the id {article_id}.")
    article = with_live_blog_entries(syndicated_articles()).filter(pk=article_id).first()
    if article is not None:
        return ninjs.article_ninjs(article, absolute=request.build_absolute_uri, version=version)
    withdrawal = withdrawal_latest(article_id=article_id)
    if withdrawal is None:
        raise ApiError(404, f"No published article has the id {article_id}.")
    return ninjs.withdrawal_ninjs(withdrawal, version=version)


class ChangeFilters(Schema):
    since_version: int = 0
    limit: int = 20
    version: str | None = None


@api.get("/changes/", summary="Articles published or updated after a version, oldest first")
def changes(request: HttpRequest, filters: Query[ChangeFilters]) -> dict[str, Any]:
    """Every public article whose live version is newer than `since_version` (the `version`
    of the last item you took), oldest change first: poll it with the last version you saw
    and you miss no update. Withdrawals are at /withdrawals/."""
    version = _version(filters.version)
    if not 1 <= filters.limit <= MAX_LIMIT:
        raise ApiError(400, f"limit must be between 1 and {MAX_LIMIT}.")
    if filters.since_version < 0:
        raise ApiError(400, "since_version is a version number, 0 or more.")
    page = list(
        with_live_blog_entries(syndicated_articles())
        .filter(live_revision_id__gt=filters.since_version)
        .order_by("live_revision_id")[: filters.limit + 1]
    )
    more, page = len(page) > filters.limit, page[: filters.limit]
    next_url = None
    if more:
        query = request.GET.copy()
        query["since_version"] = str(page[-1].live_revision_id)
        next_url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
    return {
        "items": [
            ninjs.article_ninjs(a, absolute=request.build_absolute_uri, version=version)
            for a in page
        ],
        "next": next_url,
    }


class WithdrawalFilters(Schema):
    since: str | None = None
    limit: int = 20
    version: str | None = None


@api.get("/withdrawals/", summary="Notices of articles killed or withheld, newest first")
def withdrawals(request: HttpRequest, filters: Query[WithdrawalFilters]) -> dict[str, Any]:
    """Each article taken back after it went out (ninjs `pubstatus` canceled or withheld):
    take it down where you published it."""
    version = _version(filters.version)
    if not 1 <= filters.limit <= MAX_LIMIT:
        raise ApiError(400, f"limit must be between 1 and {MAX_LIMIT}.")
    since = _moment(filters.since) if filters.since else None
    notices = withdrawals_recent(since=since)[: filters.limit]
    return {"items": [ninjs.withdrawal_ninjs(notice, version=version) for notice in notices]}


def _version(asked: str | None) -> str:
    try:
        return ninjs.ninjs_version(asked)
    except ninjs.UnknownVersion:
        raise ApiError(400, f"Unknown ninjs version {asked!r}; ask for 2.2 or 3.1.") from None


def _filtered(queryset: QuerySet[ArticlePage], filters: ItemFilters) -> QuerySet[ArticlePage]:
    for name in ("edition", "section", "topic", "since", "q"):
        value = getattr(filters, name) or ""
        if "\x00" in value:
            raise ApiError(400, f"{name} must not contain NUL characters.")
        if len(value) > MAX_FILTER_LENGTH:
            raise ApiError(400, f"{name} is at most {MAX_FILTER_LENGTH} characters long.")
    if filters.edition:
        if filters.edition not in dict(settings.LANGUAGES):
            editions = ", ".join(dict(settings.LANGUAGES))
            raise ApiError(400, f"Unknown edition {filters.edition!r}; editions are {editions}.")
        queryset = queryset.filter(locale__language_code=filters.edition)
    if filters.section:
        sections = SectionPage.objects.live().filter(slug=filters.section)
        if filters.edition:
            sections = sections.filter(locale__language_code=filters.edition)
        paths = list(sections.values_list("path", flat=True))
        if not paths:
            raise ApiError(400, f"Unknown section {filters.section!r}.")
        within = Q()
        for path in paths:
            within |= Q(path__startswith=path)
        queryset = queryset.filter(within)
    if filters.topic:
        if not Tag.objects.filter(slug=filters.topic).exists():
            raise ApiError(400, f"Unknown topic {filters.topic!r}.")
        queryset = queryset.filter(tagged_topics__tag__slug=filters.topic)
    if filters.since:
        queryset = queryset.filter(first_published_at__gt=_moment(filters.since))
    if filters.q:
        text = filters.q.strip()
        queryset = queryset.filter(Q(title__icontains=text) | Q(lede__icontains=text))
    return queryset


def _moment(value: str) -> datetime:
    try:
        moment = parse_datetime(value)
    except ValueError:
        moment = None
    if moment is None:
        raise ApiError(400, f"since must be an ISO 8601 date and time, not {value!r}.")
    try:
        # In UTC: PostgreSQL takes offsets up to ±15:59 only, ISO 8601 up to ±23:59.
        return (make_aware(moment) if is_naive(moment) else moment).astimezone(UTC)
    except OverflowError:
        raise ApiError(400, f"since is out of range: {value!r}.") from None


def _cursor_position(cursor: str) -> tuple[datetime, int]:
    try:
        published, article_id = signing.loads(cursor, salt=CURSOR_SALT)
        return datetime.fromisoformat(published), int(article_id)
    except (signing.BadSignature, ValueError, TypeError):
        raise ApiError(400, "The cursor is not one this API gave out.") from None


READ_ONLY = ["POST", "PUT", "PATCH", "DELETE"]


def _read_only(request: HttpRequest) -> HttpResponse:
    """The answer to a write, in JSON like every other refusal (ninja's own 405 is text)."""
    response = api.create_response(
        request, {"detail": f"The API is read-only: {request.method} is not allowed."}, status=405
    )
    response["Allow"] = "GET, HEAD"
    return response


@api.api_operation(READ_ONLY, "/items/", auth=None, include_in_schema=False)
def items_write(request: HttpRequest) -> HttpResponse:
    return _read_only(request)


@api.api_operation(READ_ONLY, "/items/{article_id}/", auth=None, include_in_schema=False)
def item_write(request: HttpRequest, article_id: int) -> HttpResponse:
    return _read_only(request)


def api_urls() -> tuple[list, str, str]:
    """The API's addresses, each answering a GET with an ETag and a 304 to a client that
    already has the same answer (`If-None-Match`): polling costs them nothing."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        pattern.callback = conditional_page(pattern.callback)
    return patterns, app_name, namespace
