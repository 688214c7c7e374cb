"""Readers for discussion tests: verified, with a display name, as after sign-up."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from dateline.accounts.services import reader_profile_save


def reader_for_test(name: str = "Reader", *, email: str | None = None, password: str = "pw"):  # noqa: S107 - test readers
    email = email or f"{name.lower().replace(' ', '.')}@example.org"
    user = get_user_model().objects.create_user(username=email, email=email, password=password)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    reader_profile_save(user=user, display_name=name)
    return user
