from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from dateline.core.backups import BackupError, backup_media_count, backup_restore


class Command(BaseCommand):
    help = "Restore an archive written by `backup` into an empty database and the media folder."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="the archive `backup` wrote")

    def handle(self, *args, path: Path, **options):
        try:
            total = backup_media_count(path)
            with tqdm(
                total=total, unit="file", desc="media", disable=options["verbosity"] == 0
            ) as bar:
                summary = backup_restore(path, progress=lambda done: bar.update(done - bar.n))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored the {summary.engine} database and {summary.media_files:,} media files "
            f"from {path}."
        )
