from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from dateline.newsroom.models import Agency, Author, Story


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
