"""Screenshots of the demo for the README: home, section, article and its comment thread,
on a desktop and a 390 px phone, in both editions, from a running site (`make run`).

    .venv/bin/python docs/screenshots.py [http://127.0.0.1:8000]

Debian's Chromium through Playwright (never a downloaded browser); JPEG files under
docs/screenshots/.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright
from tqdm import tqdm

OUT = Path(__file__).parent / "screenshots"
SEED = "russia/lavrov-miliband-extradition/"
PAGES = {"home": "", "section": "russia/", "article": SEED, "comments": SEED}
VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}


def main(base: str) -> None:
    OUT.mkdir(exist_ok=True)
    shots = [(e, p, v) for e in ("en", "ru") for p in PAGES for v in VIEWPORTS]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        for edition, name, viewport in tqdm(shots, desc="screenshots"):
            width, height = VIEWPORTS[viewport]
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(f"{base}/{edition}/{PAGES[name]}")
            if name == "comments":
                page.locator(".comments__count").wait_for()
                page.locator("#comments").scroll_into_view_if_needed()
            page.wait_for_timeout(300)
            page.screenshot(path=OUT / f"{edition}-{name}-{viewport}.jpg", quality=70)
            page.close()
        browser.close()
    print(f"{len(shots)} screenshots in {OUT}")  # noqa: T201 - the summary a command gives


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
