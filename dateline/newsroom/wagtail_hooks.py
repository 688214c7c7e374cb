from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from dateline.mediabank.selectors import PUBLISHED_WITH_HOOK
from dateline.newsroom.models import Agency, Author, Story
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
