"""Bench data for search (issue 14, X6): the index of everything the other bench steps made
(members with public profiles, 10,000 initiatives, ideas, areas, goals, library entries), built
once with `rebuild` (the generators write in bulk, past the signals). Returns the search pages
and API queries to measure; the target is p95 ≤ 50 ms at city scale."""

import time
from collections.abc import Callable

# A common word (thousands of matches: ranking and counting them all), a rarer one, two words,
# a kind filter, a deep page, the site-wide page and the API.
COMMON = "hage"


def paths(hub_slug: str) -> list[str]:
    h = hub_slug
    return [
        f"/{h}/search/?q={COMMON}",
        f"/{h}/search/?q=benker+torg",
        f"/{h}/search/?q={COMMON}&kind=initiative&kind=idea",
        f"/{h}/search/?q={COMMON}&page=20",
        f"/search/?q={COMMON}",
        f"/api/v1/search?q={COMMON}&hub={h}&limit=20",
        "/api/v1/search?q=tr%C3%A6r&kind=idea",
    ]


# The paths whose p95 the report checks against the target.
TARGET_PATHS = [f"/search/?q={COMMON}", f"/api/v1/search?q={COMMON}&hub={{hub}}&limit=20"]


def prepare(hub_slug: str, log: Callable[[str], None]) -> list[str]:
    from apps.search import services
    from apps.search.models import SearchDocument

    if not SearchDocument.objects.exists():
        started = time.monotonic()
        count = services.rebuild()
        log(f"Search index: {count:,} documents built in {time.monotonic() - started:.1f} s.")
    else:
        log(f"Search index: reusing {SearchDocument.objects.count():,} documents.")
    return paths(hub_slug)
