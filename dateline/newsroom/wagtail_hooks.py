from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from dateline.mediabank.selectors import PUBLISHED_WITH_HOOK
from dateline.newsroom.models import Agency, ArticlePage, Author, LiveBlogPage, Story
from dateline.newsroom.selectors import articles_with_lead_photo


class AgencyViewSet(SnippetViewSet):
    model = Agency
    icon = "site"
    list_display = ["name", "short_name", "locale"]
    search_fields = ["name", "short_name"]


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    list_display = ["name", "job_title"]
    search_fields = ["name"]


class StoryViewSet(SnippetViewSet):
    model = Story
    icon = "list-ul"
    list_display = ["title", "locale"]
    search_fields = ["title"]


class NewsroomViewSetGroup(SnippetViewSetGroup):
    items = (AgencyViewSet, AuthorViewSet, StoryViewSet)
    menu_icon = "doc-full"
    menu_label = _("Newsroom")
    menu_name = "newsroom"


register_snippet(NewsroomViewSetGroup)

# The media bank's photo page lists the articles published with the photo.
hooks.register(PUBLISHED_WITH_HOOK, articles_with_lead_photo)


class PageViewMenuItem(ActionMenuItem):
    """A link in a page editor's action menu to one of our views of that page: shown when
    the page is a `page_class` (live, with `live_only`) and the user may `allowed`."""

    page_class: type = ArticlePage
    live_only = False
    allowed = "can_edit"
    url_name = ""

    def is_shown(self, context):
        page = context.get("page")
        return (
            context["view"] == "edit"
            and isinstance(page, self.page_class)
            and (page.live or not self.live_only)
            and getattr(self.get_user_page_permissions_tester(context), self.allowed)()
        )

    def get_url(self, parent_context):
        return reverse(self.url_name, args=[parent_context["page"].pk])


class WithdrawMenuItem(PageViewMenuItem):
    """In a live article's editor: kill it (with a notice to clients) or take it down."""

    label = _("Kill or take down…")
    name = "action-withdraw"
    icon_name = "warning"
    live_only, allowed, url_name = True, "can_unpublish", "article_withdraw"


@hooks.register("register_page_action_menu_item")
def register_withdraw_menu_item():
    return WithdrawMenuItem(order=60)


@hooks.register("register_admin_urls")
def register_withdraw_url():
    from dateline.newsroom.admin_views import withdraw

    return [path("articles/<int:page_id>/withdraw/", withdraw, name="article_withdraw")]


class LiveDeskMenuItem(PageViewMenuItem):
    """In a live blog's editor: the desk where its entries are posted (posting publishes)."""

    label = _("Live desk")
    name = "action-live-desk"
    icon_name = "radio-full"
    page_class, allowed, url_name = LiveBlogPage, "can_publish", "liveblog_desk"


@hooks.register("register_page_action_menu_item")
def register_live_desk_menu_item():
    return LiveDeskMenuItem(order=55)


@hooks.register("register_admin_urls")
def register_live_desk_urls():
    from dateline.newsroom import liveblog_desk

    return [
        path("liveblogs/<int:page_id>/desk/", liveblog_desk.desk, name="liveblog_desk"),
        path(
            "liveblogs/entries/<int:entry_id>/",
            liveblog_desk.entry_change,
            name="liveblog_entry_change",
        ),
        path(
            "liveblogs/entries/<int:entry_id>/delete/",
            liveblog_desk.entry_remove,
            name="liveblog_entry_remove",
        ),
        path(
            "liveblogs/entries/<int:entry_id>/pin/",
            liveblog_desk.entry_pin,
            name="liveblog_entry_pin",
        ),
    ]
