from django.core.management.base import BaseCommand
from tqdm import tqdm

from dateline.mediabank.models import Photo
from dateline.mediabank.search import photos_reindex
from dateline.newsroom.models import ArticlePage
from dateline.newsroom.search import articles_reindex


class Command(BaseCommand):
    help = (
        "Write the search index anew from the live articles and the media bank's photos "
        "(after an upgrade that changed the analysis, or to repair it); safe while serving."
    )

    def handle(self, *args, **options):
        quiet = options["verbosity"] < 1
        with tqdm(total=ArticlePage.objects.live().count(), unit="article", disable=quiet) as bar:
            articles = articles_reindex(progress=bar.update)
        with tqdm(total=Photo.objects.count(), unit="photo", disable=quiet) as bar:
            photos = photos_reindex(progress=bar.update)
        self.stdout.write(
            self.style.SUCCESS(f"Indexed {articles} live articles and {photos} photos for search.")
        )
