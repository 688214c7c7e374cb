"""Subscribe, confirm, preferences and unsubscribe pages, and browser push sign-up."""

from __future__ import annotations

import json
from pathlib import Path

from django.contrib.staticfiles import finders
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from dateline.core.errors import Refused
from dateline.core.ratelimits import client_address, rate_exceeded
from dateline.core.views import rate_limited
from dateline.newsroom.selectors import EditionChrome, edition_chrome
from dateline.subscriptions import push, selectors
from dateline.subscriptions.choices import Choices
from dateline.subscriptions.forms import ChoicesForm, SubscribeForm
from dateline.subscriptions.models import Subscriber
from dateline.subscriptions.services import subscribers
from dateline.subscriptions.tokens import PREFERENCES, UNSUBSCRIBE, token_make

PUSH_RATE = "20/h"  # a browser subscribes once; this is room for toggling, not for floods


def _edition(request: HttpRequest) -> EditionChrome:
    edition = edition_chrome(language_code=request.LANGUAGE_CODE)
    if edition is None:
        raise Http404("No such edition")
    return edition


def _page(request: HttpRequest, template: str, context: dict, status: int = 200) -> HttpResponse:
    return render(request, f"subscriptions/{template}.html", context, status=status)


@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    edition = _edition(request)
    asked = request.POST.getlist("stories") or request.GET.getlist("story")
    stories = selectors.stories_offered(language_code=edition.language_code, ids=asked)
    initial = {"stories": [story_id for story_id, _title in stories]}
    form = SubscribeForm(request.POST or None, edition=edition, stories=stories, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            subscribers.subscription_request(
                email=form.cleaned_data["email"],
                language=edition.language_code,
                choices=form.choices(),
                address=client_address(request),
            )
        except Refused as refused:
            if refused.status == 429:
                return rate_limited(request)
            form.add_error(None, refused.message)
        else:
            return _page(request, "requested", {"email": form.cleaned_data["email"]})
    status = 400 if request.method == "POST" else 200
    push_key = push.vapid_public_key() if push.push_enabled() else ""
    return _page(request, "subscribe", {"form": form, "push_key": push_key}, status=status)


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows what the link confirms (mail scanners follow links); POST confirms."""
    try:
        if request.method == "POST":
            subscriber = subscribers.subscription_confirm(token=token)
            return _page(
                request,
                "confirmed",
                {"subscriber": subscriber, "preferences": _preferences_token(subscriber)},
            )
        confirmation = subscribers.subscription_confirm_preview(token=token)
    except Refused as refused:
        return _link_refused(request, refused)
    context = {
        "subscriber": confirmation.subscriber,
        "choices": subscribers.choices_described(choices=confirmation.choices),
    }
    return _page(request, "confirm", context)


@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscriber, _payload = subscribers.subscriber_from_link(purpose=PREFERENCES, token=token)
    except Refused as refused:
        return _link_refused(request, refused)
    edition = _edition(request)
    current = Choices.of(subscriber)
    stories = selectors.stories_offered(
        language_code=edition.language_code, ids=sorted(current.stories)
    )
    form = ChoicesForm(
        request.POST or None,
        edition=edition,
        stories=stories,
        initial=ChoicesForm.initial_from(current),
    )
    saved = False
    if request.method == "POST" and form.is_valid():
        try:
            subscribers.preferences_save(subscriber=subscriber, choices=form.choices())
            saved = True
        except Refused as refused:
            form.add_error(None, refused.message)
    return _page(request, "preferences", {"form": form, "subscriber": subscriber, "saved": saved})


# Mail clients post the one-click unsubscribe (RFC 8058) without a page, so without a CSRF
# token; the signed link is the proof, and unsubscribing is all it can do.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscriber, payload = subscribers.subscriber_from_link(purpose=UNSUBSCRIBE, token=token)
    except Refused as refused:
        return _link_refused(request, refused)
    if request.method == "POST":
        subscribers.unsubscribe(subscriber=subscriber, scope=str(payload.get("k", "all")))
        return _page(
            request,
            "unsubscribed",
            {"subscriber": subscriber, "preferences": _preferences_token(subscriber)},
        )
    return _page(request, "unsubscribe", {"subscriber": subscriber})


@require_POST
def push_subscription(request: HttpRequest) -> JsonResponse:
    """Store (or, with "unsubscribe": true, forget) this browser's push subscription."""
    address = client_address(request)
    if address and rate_exceeded(group="subscribe.push", value=address, rate=PUSH_RATE):
        return JsonResponse(
            {"error": _("Too many requests. Please try again in an hour.")}, status=429
        )
    try:
        data = json.loads(request.body or b"null")
        if isinstance(data, dict) and data.get("unsubscribe"):
            push.push_unsubscribe(endpoint=str(data.get("endpoint", "")))
            return JsonResponse({"subscribed": False})
        push.push_subscribe(data=data, language=request.LANGUAGE_CODE)
    except ValueError:
        return JsonResponse({"error": _("That is not a browser push subscription.")}, status=400)
    except Refused as refused:
        return JsonResponse({"error": refused.message}, status=refused.status)
    return JsonResponse({"subscribed": True}, status=201)


def _link_refused(request: HttpRequest, refused: Refused) -> HttpResponse:
    form = SubscribeForm(edition=_edition(request))
    return _page(
        request, "link_refused", {"message": refused.message, "form": form}, status=refused.status
    )


def _preferences_token(subscriber: Subscriber) -> str:
    return token_make(PREFERENCES, {"s": subscriber.pk})


def service_worker(request: HttpRequest) -> HttpResponse:
    """The push service worker, served from the root so that it may act for every page."""
    worker = finders.find("js/sw.js")
    response = HttpResponse(Path(worker).read_bytes(), content_type="text/javascript")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response
