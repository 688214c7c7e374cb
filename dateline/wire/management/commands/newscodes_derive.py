import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dateline.wire.parsers.newscodes import DATA, newscodes_derive

# Subject Codes; Media Topics in many languages (2019); Media Topics in English (2025).
CATALOGUES = ("IPTC_codes.json", "cptall-x-all.json", "cptall-en-GB.json")


class Command(BaseCommand):
    help = (
        "Derive the names of IPTC Subject Codes and Media Topics from IPTC's NewsCodes "
        "catalogues (a folder holding " + ", ".join(CATALOGUES) + ") into wire/data."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="e.g. ../shared/conformance/newscodes")

    def handle(self, *args, folder: Path, **options):
        missing = [name for name in CATALOGUES if not (folder / name).exists()]
        if missing:
            raise CommandError(f"Not in {folder}: {', '.join(missing)}.")
        catalogues = [
            json.loads((folder / name).read_text(encoding="utf-8-sig")) for name in CATALOGUES
        ]
        derived = newscodes_derive(catalogues)
        DATA.parent.mkdir(exist_ok=True)
        DATA.write_text(
            json.dumps(derived, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n",
            encoding="utf-8",
        )
        counts = ", ".join(f"{len(derived[s])} {s}" for s in ("subj", "medtop"))
        self.stdout.write(self.style.SUCCESS(f"Named {counts} codes in {DATA}."))
