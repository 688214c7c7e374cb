"""Media bank: photos imported per second, then the worker's renditions per second (its
search is measured with the articles' by `bench.search`).

`python -m bench.mediabank [IMPORTS]`, by default 1,000 files.
"""

from __future__ import annotations

import os
import random
import sys
import time

from bench.support import BENCH_VAR, prepare_database, print_table

WORDS = [
    "Moscow",
    "Kremlin",
    "summit",
    "minister",
    "talks",
    "harbour",
    "dawn",
    "parliament",
    "election",
    "hockey",
    "final",
    "satellite",
    "launch",
    "Arctic",
    "exercise",
    "frigate",
    "theatre",
    "premiere",
    "museum",
    "exhibition",
    "flood",
    "rescue",
    "oil",
    "pipeline",
    "bank",
    "rate",
    "market",
    "trader",
    "protest",
    "square",
    "river",
    "bridge",
    "winter",
    "snow",
]


def setup_django() -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "dateline.settings.dev",
            "DATELINE_VAR_DIR": str(BENCH_VAR),
            "DEBUG": "false",
            "LOG_LEVEL": "WARNING",
        }
    )
    import django

    django.setup()


def imports_per_second(count: int) -> list[list[object]]:
    from django.core.management import call_command

    from dateline.mediabank.demo import DemoPhotoMetadata, demo_photo_bytes
    from dateline.mediabank.models import Photo
    from dateline.mediabank.services import PRECOMPUTED_SPECS, photo_import

    first_seed = 10_000 + Photo.objects.count()  # new files on every run, never duplicates
    rng = random.Random(7)
    files = [
        demo_photo_bytes(
            seed=first_seed + i,
            size=(1200, 800),
            metadata=DemoPhotoMetadata(
                caption=" ".join(rng.sample(WORDS, 6)),
                creator=rng.choice(["Eduard Pesov", "Alexei Druzhinin", "Anna Volkova"]),
                copyright_notice="© RIA Novosti",
                credit_line="RIA Novosti",
                source="RIA Novosti",
                city=rng.choice(["Moscow", "Kazan", "Novosibirsk"]),
                keywords=rng.sample(WORDS, 3),
            ),
        )
        for i in range(count)
    ]
    start = time.perf_counter()
    created = sum(
        photo_import(content=c, filename=f"bench-{i}.jpg").created for i, c in enumerate(files)
    )
    elapsed = time.perf_counter() - start
    start = time.perf_counter()
    call_command(  # the worker, as beside `make run`: every rendition queued by the imports
        "db_worker", "--backend", "background", "--batch", "--no-startup-delay", "--no-reload"
    )
    rendered = time.perf_counter() - start
    return [
        [f"photo_import, {count} files (1200x800 JPEG)", created, elapsed, count / elapsed],
        [f"worker: {len(PRECOMPUTED_SPECS)} renditions each", count, rendered, count / rendered],
    ]


def main(imports: int = 1000) -> None:
    prepare_database()
    setup_django()
    if imports:
        print_table(
            "Media bank import: what the editor waits for, then the worker's renditions",
            ["step", "photos", "seconds", "photos/s"],
            [[step, n, f"{s:.1f}", f"{r:.1f}"] for step, n, s, r in imports_per_second(imports)],
        )


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:2]))
