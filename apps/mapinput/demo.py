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
        "Fin plass for en lekeplass.",
        "Bilene kjører altfor fort forbi skolen.",
        "Vi møtes ofte her, men det mangler tak mot regnet.",
        "Sykkelstien slutter brått her.",
        "",
    ],
    "sodertorn": [
        "Mörkt och otryggt på kvällen.",
        "Här skulle det passa med odlingslådor.",
        "Bra plats för en mötesplats med bänkar.",
        "Farlig korsning för barn på väg till skolan.",
        "Busshållplatsen behöver väderskydd.",
        "",
    ],
}
MARKS_PER_SPACE = (160, 120, 110, 90)
HALF_SIDE = 0.004  # degrees: a small square around an initiative that only has a point


def _spaces(hub: Hub) -> list[tuple[Space, dict | None]]:
    """Up to two initiatives of the hub (with their own boundary, or a square around their point);
    when the hub has none, up to two of its areas."""
    found: list[tuple[Space, dict | None]] = []
    for initiative in Initiative.objects.filter(hub=hub).select_related("area").order_by("slug"):
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


@transaction.atomic
def _seed_space(space: Space, own_boundary: dict | None, count: int, language: str) -> int:
    row = MarkSettings.objects.filter(hub=space.hub, space_key=space.key).first()
    if row is None:
        row = MarkSettings(boundary=own_boundary, anonymous_allowed=True, allow_line=True, allow_area=True)
        row.set_space(space)
        row.save()
    if row.marks.exists():
        return 0
    categories = list(row.categories.all())
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
    for lon, lat in _points_inside(shape, count, rng):
        mark = MapMark(
            settings=row,
            category=rng.choice(categories),
            kind=GeometryKind.POINT,
            geometry={"type": "Point", "coordinates": [lon, lat]},
            lon=lon,
            lat=lat,
            comment=rng.choice(comments),
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
