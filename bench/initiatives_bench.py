"""Bench data for initiatives: 10,000 initiatives with places in the largest hub, each with an
owner in its team and a follower, made with bulk_create (deterministic, once)."""

import random
from collections.abc import Callable

COUNT = 10_000
STATUSES = ["idea", "active", "active", "paused", "completed", "stopped"]
WORDS = ["Grønn", "gårdsplass", "lekegate", "benker", "møteplass", "sykkelvei", "hage", "torg", "park"]


def prepare(hub_slug: str, log: Callable[[str], None], count: int = COUNT) -> list[str]:
    from apps.accounts.models import User
    from apps.hubs.models import Hub
    from apps.initiatives.models import Follow, Initiative, TeamMember

    hub = Hub.objects.get(slug=hub_slug)
    existing = Initiative.objects.filter(hub=hub, slug__startswith="bench-").count()
    if existing < count:
        rng = random.Random(17)
        owners = list(User.objects.filter(memberships__hub=hub).values_list("pk", flat=True)[:2000])
        rows = []
        for i in range(existing, count):
            lon, lat = 10.65 + rng.random() * 0.25, 59.87 + rng.random() * 0.12
            title = f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} {i}"
            rows.append(
                Initiative(
                    hub=hub,
                    slug=f"bench-{i}",
                    title=title,
                    summary=f"{title}: et forslag for nabolaget.",
                    description="Vi vil gjøre stedet grønnere og tryggere.",
                    status=rng.choice(STATUSES),
                    owner_id=rng.choice(owners),
                    place={"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]},
                    lon=lon,
                    lat=lat,
                )
            )
        made = Initiative.objects.bulk_create(rows, batch_size=2000)
        TeamMember.objects.bulk_create(
            [TeamMember(initiative=i, user_id=i.owner_id, role="owner") for i in made], batch_size=2000
        )
        Follow.objects.bulk_create([Follow(initiative=i, user_id=i.owner_id) for i in made], batch_size=2000)
        log(f"Generated {len(made):,} initiatives in {hub_slug}.")
    h = hub_slug
    return [
        f"/{h}/initiatives/",
        f"/{h}/initiatives/?sort=title&page=1000000000",  # the last page, read in reverse
        f"/{h}/initiatives/?status=active",
        f"/api/v1/hubs/{h}/initiatives",
        f"/api/v1/hubs/{h}/initiatives?offset=5000",
        f"/api/v1/hubs/{h}/initiatives?format=geojson&cluster=11",
        f"/api/v1/hubs/{h}/initiatives?format=geojson",
    ]
