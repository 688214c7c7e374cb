from .liveblogs import LiveBlogEntry, LiveBlogPage
from .pages import (
    ArticleByline,
    ArticleCorrection,
    ArticlePage,
    ArticleTopic,
    EditionHomePage,
    EditionTopStory,
    SectionPage,
)
from .snippets import Agency, Author, Story
from .withdrawals import ArticleWithdrawal

__all__ = [
    "Agency",
    "ArticleByline",
    "ArticleCorrection",
    "ArticlePage",
    "ArticleTopic",
    "ArticleWithdrawal",
    "Author",
    "EditionHomePage",
    "EditionTopStory",
    "LiveBlogEntry",
    "LiveBlogPage",
    "SectionPage",
    "Story",
]
