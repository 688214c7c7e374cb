from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from dateline.mediabank import selectors
from dateline.mediabank.credits import photo_credit, photo_rights_holder
from dateline.newsroom.models import EditionHomePage


def photo_detail(request: HttpRequest, *, edition: EditionHomePage, photo_id: int) -> HttpResponse:
    photo = selectors.photo_get(photo_id=photo_id)
    return render(
        request,
        "mediabank/photo_detail.html",
        {
            "page": edition,
            "photo": photo,
            "credit": photo_credit(photo),
            "rights_holder": photo_rights_holder(photo),
            "articles": selectors.photo_articles(photo=photo, locale_id=edition.locale_id),
        },
    )


def photo_index(request: HttpRequest, *, edition: EditionHomePage) -> HttpResponse:
    listing = selectors.photo_listing(page=request.GET.get("page"))
    return render(request, "mediabank/index.html", {"page": edition, "listing": listing})
