"""Demo marks: a few hundred on three or four initiatives (or areas) in Oslo and Södertörn,
random but the same every time, inside each space's boundary. Idempotent: a space that already
has marks is left alone."""

import random
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from shapely.geometry import Point, Polygon

from apps.hubs.models import Hub
from apps.initiatives.models import Initiative
from apps.mapinput import services
from apps.mapinput.geometry import boundary_shape
from apps.mapinput.models import GeometryKind, MapMark, MarkCategory, MarkSettings
from apps.participation.spaces import Space
from apps.places.models import Area

CATEGORIES = {
    "oslo": [("Trygghet", "#c2410c"), ("Grønt", "#15803d"), ("Møteplass", "#7c3aed"), ("Trafikk", "#1d4ed8")],
    "sodertorn": [
        ("Trygghet", "#c2410c"),
        ("Grönt", "#15803d"),
        ("Mötesplats", "#7c3aed"),
        ("Trafik", "#1d4ed8"),
    ],
}
COMMENTS = {
    "oslo": [
        "Mørkt her om kvelden, trenger bedre belysning.",
        "Her kunne det vært benker og noen trær.",
        "Vi møtes ofte her, men det mangler tak mot regnet.",
        "Bilene kjører altfor fort her.",
        "",
    ],
    "sodertorn": [
        "Mörkt och otryggt på kvällen.",
        "Här skulle det passa med odlingslådor.",
        "Bra plats för en mötesplats med bänkar.",
        "Farlig korsning för barn på väg till skolan.",
        "",
    ],
}
# Comments that fit their category (category index → comments), for the clustered showcase marks.
FITTING = {
    "oslo": {
        0: [
            "Mørkt her om kvelden, trenger bedre belysning.",
            "Jeg går omveier for å slippe å gå her alene om kvelden.",
            "Buskene skjuler hele stien, det føles utrygt.",
            "",
        ],
        1: [
            "Her kunne det vært trær og fruktbusker.",
            "Bytt ut asfalten med plen og blomster.",
            "Dyrkekasser her, i sola hele ettermiddagen!",
            "Behold det store treet ved porten.",
            "",
        ],
        2: [
            "Vi møtes ofte her, men det mangler tak mot regnet.",
            "Et langbord her, så naboene kan spise sammen om sommeren.",
            "Fin plass for benker der man ser lekeplassen.",
            "",
        ],
        3: [
            "Bilene kjører altfor fort forbi skolen.",
            "Varebilene snur her og rygger over fortauet.",
            "Trenger et opphøyd gangfelt her.",
            "Syklene står hulter til bulter, vi trenger sykkelstativ.",
            "",
        ],
    },
}
# The showcase's marks gather where people really would put them, around a few spots of Tøyen:
# (lon, lat, spread in degrees, category index, share of the marks).
CLUSTERS = {
    "gronn-gardsplass-pa-toyen": [
        (10.7717, 59.9146, 0.00012, 1, 0.34),  # the asphalt courtyard behind Hagegata: green
        (10.7711, 59.9149, 0.00007, 2, 0.18),  # the corner by the gate: a meeting place
        (10.7724, 59.9143, 0.00006, 0, 0.16),  # the narrow passage to the back yard: dark
        (10.7722, 59.9149, 0.00008, 3, 0.20),  # the entrance from the street: cars and vans
        (10.7713, 59.9143, 0.00008, 1, 0.12),  # the old tree in the south-west corner
    ],
}
MARKS_PER_SPACE = (160, 120, 110, 90)
HALF_SIDE = 0.004  # degrees: a small square around an initiative that only has a point


def _spaces(hub: Hub) -> list[tuple[Space, dict | None]]:
    """Up to two initiatives of the hub (with their own boundary, or a square around their point);
    when the hub has none, up to two of its areas."""
    found: list[tuple[Space, dict | None]] = []
    initiatives = list(Initiative.objects.filter(hub=hub).select_related("area").order_by("slug"))
    # The showcase initiatives with clusters come first: their maps are the ones to try.
    initiatives.sort(key=lambda i: i.slug not in CLUSTERS)
    for initiative in initiatives:
        space = Space(hub=hub, initiative=initiative)
        if space.boundary():
            found.append((space, None))
        elif initiative.lon is not None and initiative.lat is not None:
            lon, lat = initiative.lon, initiative.lat
            square = Polygon(
                [
                    (lon - HALF_SIDE * 2, lat - HALF_SIDE),
                    (lon + HALF_SIDE * 2, lat - HALF_SIDE),
                    (lon + HALF_SIDE * 2, lat + HALF_SIDE),
                    (lon - HALF_SIDE * 2, lat + HALF_SIDE),
                    (lon - HALF_SIDE * 2, lat - HALF_SIDE),
                ]
            )
            found.append(
                (space, {"type": "Polygon", "coordinates": [list(map(list, square.exterior.coords))]})
            )
        if len(found) == 2:
            return found
    if found:
        return found
    areas = Area.objects.filter(hub=hub, geometry__isnull=False).order_by("-level__depth", "code")[:2]
    return [(Space(hub=hub, area=area), None) for area in areas]


def _points_inside(shape: Any, n: int, rng: random.Random) -> list[tuple[float, float]]:
    min_x, min_y, max_x, max_y = shape.bounds
    points: list[tuple[float, float]] = []
    tries = 0
    while len(points) < n and tries < n * 200:
        tries += 1
        x, y = rng.uniform(min_x, max_x), rng.uniform(min_y, max_y)
        if shape.covers(Point(x, y)):
            points.append((round(x, 7), round(y, 7)))
    return points


def _clustered(
    space: Space, shape: Any, count: int, rng: random.Random, categories: list[Any], language: str
) -> list[tuple[float, float, Any, str]] | None:
    """Marks in clusters around the spots of CLUSTERS, each with its category and a fitting
    comment; None for a space without clusters."""
    spots = CLUSTERS.get(space.initiative.slug if space.initiative else "")
    fitting = FITTING.get(language)
    if not spots or not fitting or len(categories) < 4:
        return None
    placed: list[tuple[float, float, Any, str]] = []
    for lon, lat, spread, index, share in spots:
        wanted, tries = round(count * share), 0
        while wanted and tries < 5000:
            tries += 1
            x, y = rng.gauss(lon, spread), rng.gauss(lat, spread / 2)
            if shape.covers(Point(x, y)):
                placed.append((round(x, 7), round(y, 7), categories[index], rng.choice(fitting[index])))
                wanted -= 1
    return placed


@transaction.atomic
def _seed_space(space: Space, own_boundary: dict | None, count: int, language: str) -> int:
    row = MarkSettings.objects.filter(hub=space.hub, space_key=space.key).first()
    if row is None:
        row = MarkSettings(boundary=own_boundary, anonymous_allowed=True, allow_line=True, allow_area=True)
        row.set_space(space)
        row.save()
    if row.marks.exists():
        return 0
    categories = list(row.categories.order_by("position"))
    if not categories:
        categories = [
            MarkCategory.objects.create(settings=row, name=name, colour=colour, position=i)
            for i, (name, colour) in enumerate(CATEGORIES[language])
        ]
    shape = boundary_shape(row.effective_boundary(space))
    if shape is None:
        return 0
    rng = random.Random(f"mapinput:{space.hub.slug}:{space.key}")  # noqa: S311 - demo data, not secrets # nosec B311
    now = timezone.now()
    comments = COMMENTS[language]
    marks = []
    placed = _clustered(space, shape, count, rng, categories, language)
    if placed is None:
        placed = [
            (lon, lat, rng.choice(categories), rng.choice(comments))
            for lon, lat in _points_inside(shape, count, rng)
        ]
    for lon, lat, category, comment in placed:
        mark = MapMark(
            settings=row,
            category=category,
            kind=GeometryKind.POINT,
            geometry={"type": "Point", "coordinates": [lon, lat]},
            lon=lon,
            lat=lat,
            comment=comment,
            created=now - timedelta(minutes=rng.randint(1, 60 * 24 * 40)),
        )
        mark.set_space(space)
        marks.append(mark)
    MapMark.objects.bulk_create(marks, batch_size=500)
    return len(marks)


def seed(*, stdout: Any) -> None:
    total = 0
    sizes = iter(MARKS_PER_SPACE)
    for slug in ("oslo", "sodertorn"):
        hub = Hub.objects.filter(slug=slug).first()
        if hub is None:
            continue
        for space, own_boundary in _spaces(hub):
            total += _seed_space(space, own_boundary, next(sizes, 80), slug)
        filled = services.area_categories_fill(hub=hub)
        if filled:
            stdout.write(f"  map input: categories for {filled} areas of {slug}")
    stdout.write(f"Map marks: {total} new.")
