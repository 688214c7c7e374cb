from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from dateline.core.backups import BackupError, backup_write


class Command(BaseCommand):
    help = (
        "Write the whole site (database and media) into one archive while it runs; "
        "`restore` puts it back into an empty database."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="the archive to write, e.g. site.tar")

    def handle(self, *args, path: Path, **options):
        with tqdm(unit="file", desc="media", disable=options["verbosity"] == 0) as bar:
            try:
                summary = backup_write(path, progress=lambda done: bar.update(done - bar.n))
            except BackupError as error:
                raise CommandError(str(error)) from error
        self.stdout.write(
            f"Backed up the {summary.engine} database ({summary.database_bytes:,} bytes) and "
            f"{summary.media_files:,} media files ({summary.media_bytes:,} bytes) into {path}."
        )
