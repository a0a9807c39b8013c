"""Pictures of the main pages for docs/screenshots/, taken from a running demo.

    make demo            # in one terminal (or any server with the demo seeded)
    .venv/bin/python scripts/screenshots.py [--base http://127.0.0.1:8000] [--only hub-home]

Each page is taken at a desktop width (1280 px) and a phone width (375 px), in the hub's own
language, signed in where the page is for members; the files are PNGs named
`<page>-desktop.png` and `<page>-phone.png`. Playwright drives Debian's Chromium
(CHROMIUM=/usr/bin/chromium by default). Run it again after a visible change and commit the
pictures: they are the README's and docs' illustrations, never a test."""

import argparse
import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
PASSWORD = "allmenning-demo"  # noqa: S105 # nosec B105 - the published demo password

# (name, path, language, who is signed in or "")
PAGES = [
    ("site-home", "/", "nb", ""),
    ("hub-home", "/oslo/", "nb", ""),
    ("hub-home-steward", "/oslo/", "nb", "steward@oslo.demo"),
    ("initiatives", "/oslo/initiatives/", "nb", ""),
    ("initiative", "/oslo/initiatives/gronn-gardsplass-pa-toyen/", "nb", "member@oslo.demo"),
    ("events", "/oslo/events/", "nb", ""),
    ("areas", "/sodertorn/areas/", "sv", ""),
    ("explorer", "/sodertorn/knowledge/", "sv", ""),
    ("goals", "/sodertorn/goals/", "sv", ""),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default=os.environ.get("BASE", "http://127.0.0.1:8000"))
    parser.add_argument("--only", default="", help="take only the page with this name")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    executable = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable)
        for name, path, language, who in PAGES:
            if args.only and name != args.only:
                continue
            for device, width, height in (("desktop", 1280, 900), ("phone", 375, 812)):
                context = browser.new_context(
                    viewport={"width": width, "height": height}, device_scale_factor=1
                )
                context.add_cookies([{"name": "django_language", "value": language, "url": args.base}])
                page = context.new_page()
                if who:
                    page.goto(args.base + "/accounts/login/")
                    page.fill("input[name=login]", who)
                    page.fill("input[name=password]", PASSWORD)
                    page.press("input[name=password]", "Enter")
                    page.wait_for_load_state()
                response = page.goto(args.base + path)
                if response is None or response.status >= 400:
                    print(f"{name}: {path} answered {response.status if response else 'nothing'}")
                    context.close()
                    continue
                page.wait_for_timeout(1200)  # maps and charts draw after load
                target = OUT / f"{name}-{device}.png"
                # The phone picture is the first two screens: what a visitor sees before scrolling far.
                page.screenshot(path=str(target), full_page=device == "desktop")
                print(f"{target.relative_to(OUT.parent.parent)}")
                context.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
