"""Wagtail's user screens for a site whose users are mostly readers: readers sign up with an
e-mail address and a display name, never a first and last name, so the admin must not
demand them before a reader can be added to a group (Media clients, say)."""

from __future__ import annotations

from typing import Any

from django import forms
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet


class _NamesOptional:
    """First and last name may stay empty (the fields are still offered)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("first_name", "last_name"):
            if name in self.fields:
                self.fields[name].required = False


class ReaderFriendlyUserEditForm(_NamesOptional, UserEditForm):
    pass


class ReaderFriendlyUserCreationForm(_NamesOptional, UserCreationForm):
    pass


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update: bool = False) -> type[forms.ModelForm]:
        return ReaderFriendlyUserEditForm if for_update else ReaderFriendlyUserCreationForm
