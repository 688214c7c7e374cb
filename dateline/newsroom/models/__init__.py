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

__all__ = [
    "Agency",
    "ArticleByline",
    "ArticleCorrection",
    "ArticlePage",
    "ArticleTopic",
    "Author",
    "EditionHomePage",
    "EditionTopStory",
    "SectionPage",
    "Story",
]
