"""Abstract page behaviour shared by the domain apps (no tables here)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PagePermissionTester, PageViewRestriction

from dateline.core.cache_generation import cached_for_generation


class StrictParentMixin:
    """Refuse to save a page under a parent its `parent_page_types` does not allow.

    Wagtail's admin already hides wrong parents; this guards every other path
    (imports, services, the shell) so the tree never holds a misplaced page.
    """

    def clean(self) -> None:
        super().clean()  # type: ignore[misc]
        if not self.path or self.depth <= 1:  # type: ignore[attr-defined]
            return
        parent = Page(path=self.path, depth=self.depth).get_parent()  # type: ignore[attr-defined]
        if parent is None:
            return
        allowed = self.allowed_parent_page_models()  # type: ignore[attr-defined]
        if not any(issubclass(parent.specific_class, model) for model in allowed):
            raise ValidationError(
                _("A %(page_type)s cannot be placed under a %(parent_type)s.")
                % {
                    "page_type": self._meta.verbose_name,  # type: ignore[attr-defined]
                    "parent_type": parent.specific_class._meta.verbose_name,
                }
            )


class EditorsDeletePermissionTester(PagePermissionTester):
    """Wagtail's rules, except that deleting needs the right to publish.

    Wagtail lets anyone who may edit a page delete it while it is unpublished: a
    reporter could remove a colleague's draft or an article scheduled for tomorrow.
    In a newsroom reporters write and submit; editors decide what goes.
    """

    def can_delete(self, ignore_bulk: bool = False) -> bool:
        if not super().can_delete(ignore_bulk=ignore_bulk):
            return False
        return self.user.is_superuser or "publish" in self.permissions


class EditorsDeleteMixin:
    """Pages whose deletion is an editor's decision (see EditorsDeletePermissionTester)."""

    def permissions_for_user(self, user: Any) -> PagePermissionTester:
        return EditorsDeletePermissionTester(user, self)


def view_restricted_page_ids() -> frozenset[int]:
    """The pages view restrictions are set on (usually none), read once per state of the
    site: saving or deleting a restriction moves the cache generation on."""
    return cached_for_generation(
        "core:view-restricted",
        lambda: frozenset(PageViewRestriction.objects.values_list("page_id", flat=True)),
    )


class ViewRestrictionsMixin:
    """Wagtail asks every page view for the page's restrictions: it reads the page's
    ancestors from the tree, then the restrictions on any of them — a fifth of an
    article's uncached render here. A site mostly restricts nothing, and says so without
    a query; otherwise Wagtail's own rule decides, aliases included."""

    def get_view_restrictions(self) -> QuerySet[PageViewRestriction]:
        if not view_restricted_page_ids():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()  # type: ignore[misc]


class AtomicPublishingMixin:
    """Publishing or unpublishing writes the page, its revision and log entry, and what
    listens for it (the newsfeed's event, a breaking alert, cache invalidations and
    purges) together or not at all, whoever does it: an editor in the admin, a service,
    the scheduler (Wagtail's `publish_scheduled`), a workflow's approval. Wagtail's own
    publish and unpublish open no transaction (its save, move and delete do)."""

    def publish(self, *args: Any, **kwargs: Any) -> Any:
        with transaction.atomic():
            return super().publish(*args, **kwargs)  # type: ignore[misc]

    def unpublish(self, *args: Any, **kwargs: Any) -> Any:
        with transaction.atomic():
            return super().unpublish(*args, **kwargs)  # type: ignore[misc]
