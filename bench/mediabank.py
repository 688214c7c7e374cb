"""Media bank: photos imported per second, and search latency over a large bank.

`python -m bench.mediabank [IMPORTS] [BANK_SIZE]`, by default 1,000 files and 50,000 photos.
"""

from __future__ import annotations

import os
import random
import statistics
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
QUERIES = (
    "Kremlin",
    "hockey final",
    "Arctic frigate",
    "river bridge winter",
    "Pesov",
    "Novosibirsk",
)


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


def search_latency(size: int) -> list[list[object]]:
    from wagtail.search.backends import get_search_backend

    from dateline.mediabank.models import Photo
    from dateline.mediabank.selectors import photo_listing

    template = Photo.objects.first()
    missing = size - Photo.objects.count()
    if missing > 0:
        rng = random.Random(11)
        rows = [
            Photo(
                title=f"Bench photo {i}",
                file=template.file.name,
                width=template.width,
                height=template.height,
                file_hash=f"bench-{i}",
                caption=" ".join(rng.sample(WORDS, 8)),
                creator=rng.choice(
                    ["Eduard Pesov", "Alexei Druzhinin", "Anna Volkova", "Ivan Petrov"]
                ),
                keywords=", ".join(rng.sample(WORDS, 3)),
                city=rng.choice(["Moscow", "Kazan", "Novosibirsk", "St Petersburg"]),
                collection_id=template.collection_id,
            )
            for i in range(missing)
        ]
        created = Photo.objects.bulk_create(rows, batch_size=2000)
        backend = get_search_backend()
        index = backend.get_index_for_model(Photo)
        for start in range(0, len(created), 2000):
            index.add_items(Photo, created[start : start + 2000])
    rows = []
    for query in QUERIES:
        timings = []
        for _ in range(10):
            begin = time.perf_counter()
            listing = photo_listing(query=query, page=1)
            _ = [p.pk for p in listing.items]
            timings.append((time.perf_counter() - begin) * 1000)
        timings.sort()
        rows.append(
            [
                query,
                len(listing.items),
                f"{statistics.median(timings):.1f}",
                f"{timings[int(len(timings) * 0.95)]:.1f}",
            ]
        )
    return rows


def main(imports: int = 1000, bank_size: int = 50_000) -> None:
    prepare_database()
    setup_django()
    if imports:
        print_table(
            "Media bank import: what the editor waits for, then the worker's renditions",
            ["step", "photos", "seconds", "photos/s"],
            [[step, n, f"{s:.1f}", f"{r:.1f}"] for step, n, s, r in imports_per_second(imports)],
        )
    print_table(
        f"Media bank search, {bank_size} photos, first page of 24",
        ["query", "results", "p50 ms", "p95 ms"],
        search_latency(bank_size),
    )


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
