from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from dateline.newsroom.archive import archive_generate


class Command(BaseCommand):
    help = (
        "Add a large archive of published articles to an edition, written in bulk (to "
        "measure what years of output cost the site; see dateline/newsroom/archive.py)."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, help="how many articles, e.g. 200000")
        parser.add_argument("--edition", default="en", help="language code of the edition")

    def handle(self, *args, count: int, edition: str, **options):
        if count < 1:
            raise CommandError("Give a number of articles of at least 1.")
        with tqdm(total=count, unit="article", disable=options["verbosity"] < 1) as bar:
            try:
                result = archive_generate(language_code=edition, count=count, progress=bar.update)
            except ValueError as error:
                raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {result.created} articles to {result.sections} sections of the "
                f"{edition} edition, published back to {result.oldest}."
            )
        )
