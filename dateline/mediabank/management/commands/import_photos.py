from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm
from wagtail.models import Collection

from dateline.mediabank.services import PhotoRejected, photo_import

SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"}


class Command(BaseCommand):
    help = "Import every photo in DIR into the media bank, credits read from each file."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)
        parser.add_argument("--collection", help="Collection name (created under the root if new).")

    def handle(self, *args, directory: Path, collection: str | None, **options):
        if not directory.is_dir():
            raise CommandError(f"{directory} is not a directory.")
        target = self._collection(collection) if collection else None
        files = sorted(
            p for p in directory.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
        )
        imported, duplicates, failed, warnings = [], [], [], []
        for path in tqdm(
            files, desc="Importing", unit="photo", file=self.stderr._out, disable=not files
        ):
            try:
                result = photo_import(
                    content=path.read_bytes(), filename=path.name, collection=target
                )
            except PhotoRejected as error:
                failed.append((path, " ".join(error.messages)))
                continue
            except OSError as error:
                failed.append((path, str(error)))
                continue
            (imported if result.created else duplicates).append(path)
            warnings.extend((path, problem) for problem in result.problems)

        self.stdout.write(
            f"Imported {len(imported)}, skipped {len(duplicates)} duplicate(s), "
            f"failed {len(failed)} of {len(files)} file(s)."
        )
        for path in duplicates:
            self.stdout.write(f"  duplicate: {path}")
        for path, problem in warnings:
            self.stdout.write(f"  metadata: {path}: {problem}")
        for path, reason in failed:
            self.stdout.write(self.style.ERROR(f"  failed: {path}: {reason}"))

    def _collection(self, name: str) -> Collection:
        existing = Collection.objects.filter(name=name).first()
        return existing or Collection.get_first_root_node().add_child(name=name)
