from pathlib import Path

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from dateline.core.surrogate_keys import keys_add, request_keys_add
from dateline.mediabank import selectors, services
from dateline.mediabank.credits import photo_credit, photo_rights_holder
from dateline.mediabank.forms import MediaBankFilterForm

# A rendition's name carries its spec and a hash of its focal point: it never changes.
RENDITION_MAX_AGE = 7 * 24 * 3600


def photo_detail(request: HttpRequest, photo_id: int) -> HttpResponse:
    photo = selectors.photo_get(photo_id=photo_id)
    request_keys_add(request, [f"photo-{photo.id}"])
    published_with = selectors.photo_published_with(
        photo=photo, language_code=request.LANGUAGE_CODE
    )
    return render(
        request,
        "mediabank/photo_detail.html",
        {
            "photo": photo,
            "credit": photo_credit(photo),
            "rights_holder": photo_rights_holder(photo),
            "articles": published_with,
        },
    )


def photo_index(request: HttpRequest) -> HttpResponse:
    request_keys_add(request, [f"mediabank-{request.LANGUAGE_CODE}"])
    form = MediaBankFilterForm(request.GET)
    if not form.is_valid():  # what was wrong is shown beside the field, the rest kept
        return render(request, "mediabank/index.html", {"form": form}, status=400)
    listing = selectors.photo_listing(
        query=form.cleaned_data["q"], filters=form.filters(), page=request.GET.get("page")
    )
    return render(
        request,
        "mediabank/index.html",
        {"form": form, "listing": listing, "query": form.cleaned_data["q"]},
    )


def photo_original(request: HttpRequest, photo_id: int) -> HttpResponse:
    """The original file, metadata intact, for licensed media clients only."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm("mediabank.download_original"):
        raise PermissionDenied
    photo = selectors.photo_get(photo_id=photo_id)
    services.photo_download_record(
        photo=photo, user=request.user, address=request.META.get("REMOTE_ADDR")
    )
    response = FileResponse(
        photo.file.open("rb"), as_attachment=True, filename=Path(photo.file.name).name
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


def rendition_file(request: HttpRequest, name: str) -> HttpResponse:
    """A rendition's file, for the embedded profile that has no front server.

    Served by looking the rendition up, never by mapping the address onto the disk: no
    encoding of `..`, no symlink and no absolute path can reach an original this way.
    """
    rendition = selectors.rendition_by_file_name(name=name)
    if rendition is None:
        raise Http404("No such rendition")
    try:
        handle = rendition.file.open("rb")
    except FileNotFoundError:
        raise Http404("No such rendition") from None
    response = FileResponse(handle)
    patch_cache_control(response, public=True, max_age=RENDITION_MAX_AGE)
    # The credit is written into the file: a photo's change must reach cached copies too.
    keys_add(response, [f"photo-{rendition.image_id}"])
    return response
