"""Reader forms: the display name asked at sign-up, the profile, and account deletion."""

from __future__ import annotations

from django import forms
from django.contrib.auth.models import User
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from dateline.accounts.models import ReaderProfile
from dateline.accounts.services import reader_profile_save


class SignupForm(forms.Form):
    """allauth's sign-up form adds these fields (ACCOUNT_SIGNUP_FORM_CLASS)."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=ReaderProfile._meta.get_field("display_name").max_length,
        help_text=ReaderProfile._meta.get_field("display_name").help_text,
    )

    def signup(self, request: HttpRequest, user: User) -> None:
        reader_profile_save(user=user, display_name=self.cleaned_data["display_name"])


class ProfileForm(forms.Form):
    display_name = SignupForm.base_fields["display_name"]


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"), strip=False, widget=forms.PasswordInput(render_value=False)
    )

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password
