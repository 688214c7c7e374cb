"""The reader's own pages beside allauth's: profile, data export, account deletion."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from dateline.accounts.forms import DeleteAccountForm, ProfileForm
from dateline.accounts.selectors import display_name_of
from dateline.accounts.services import reader_data_export, reader_delete, reader_profile_save
from dateline.core.errors import Refused


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(
        request.POST or None, initial={"display_name": display_name_of(user=request.user)}
    )
    if request.method == "POST" and form.is_valid():
        reader_profile_save(user=request.user, display_name=form.cleaned_data["display_name"])
        messages.success(request, _("Your display name is saved."))
        return redirect("account_profile")
    return render(request, "accounts/profile.html", {"form": form})


@login_required
@require_GET
def export(request: HttpRequest) -> HttpResponse:
    """The reader's data as a JSON download (offered before deletion)."""
    data = reader_data_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    stamp = timezone.now().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="dateline-data-{stamp}.json"'
    return response


@login_required
def delete(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            reader_delete(user=request.user)
        except Refused as refused:
            form.add_error(None, refused.message)
        else:
            logout(request)
            messages.success(request, _("Your account and your data have been deleted."))
            return redirect("/")
    return render(request, "accounts/delete.html", {"form": form})
