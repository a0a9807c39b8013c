"""Pictures drawn by the project itself: a simple illustrated sketch of a place (sky, ground,
trees, benches, planters …) and a map thumbnail drawn from a GeoJSON geometry. Used by the demo
(initiatives, concepts, hubs) so that nothing there is a borrowed photo; the result is a PNG to
store through the normal image services, which re-encode and size it.

Deterministic: the same arguments give the same picture (the layout comes from `seed`)."""

import hashlib
import io
import random
from collections.abc import Iterable
from typing import Any

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 960, 600

# Elements a sketch can show; a theme is a selection of them.
ELEMENTS = ("trees", "benches", "planters", "flowers", "bikes", "people", "stage", "roof", "path", "water")

PALETTES: dict[str, dict[str, Any]] = {
    # Pådriv Oslo: fjord blue sky, Oslo green.
    "oslo": {"sky": ("#cfe6f5", "#f4f9fc"), "ground": "#8cbf6e", "accent": "#1b6a4c", "warm": "#c4572b"},
    # Södertörn: light summer sky, yellow and blue of the region.
    "sodertorn": {"sky": ("#d8ecff", "#fffbea"), "ground": "#9fcb73", "accent": "#245b9e", "warm": "#e0a526"},
    "default": {"sky": ("#dde8f0", "#f8fafc"), "ground": "#9cc48a", "accent": "#2b4c7e", "warm": "#c4572b"},
}


def _rng(seed: str) -> random.Random:
    return random.Random(int(hashlib.sha256(seed.encode()).hexdigest()[:16], 16))  # noqa: S311 # nosec B311 - drawing, not secrets


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _tree(draw: ImageDraw.ImageDraw, x: float, base: float, size: float, green: str) -> None:
    draw.rectangle((x - size * 0.08, base - size * 0.9, x + size * 0.08, base), fill="#6b4a2b")
    draw.ellipse((x - size * 0.5, base - size * 1.6, x + size * 0.5, base - size * 0.6), fill=green)
    draw.ellipse((x - size * 0.3, base - size * 1.85, x + size * 0.35, base - size * 1.05), fill=green)


def _bench(draw: ImageDraw.ImageDraw, x: float, base: float, size: float) -> None:
    wood = "#a0673a"
    draw.rectangle((x - size, base - size * 0.45, x + size, base - size * 0.33), fill=wood)
    draw.rectangle((x - size, base - size * 0.8, x + size, base - size * 0.68), fill=wood)
    for leg in (x - size * 0.85, x + size * 0.75):
        draw.rectangle((leg, base - size * 0.45, leg + size * 0.1, base), fill="#5a3b22")


def _planter(draw: ImageDraw.ImageDraw, x: float, base: float, size: float, rng: random.Random) -> None:
    draw.rectangle((x - size, base - size * 0.6, x + size, base), fill="#8a5a35", outline="#5a3b22", width=3)
    for k in range(6):
        px = x - size * 0.8 + k * size * 0.32
        draw.ellipse((px - 12, base - size * 0.6 - 26, px + 12, base - size * 0.6), fill="#3f8f4f")
        if rng.random() < 0.5:
            draw.ellipse((px - 5, base - size * 0.6 - 34, px + 5, base - size * 0.6 - 24), fill="#e76f51")


def _flowers(draw: ImageDraw.ImageDraw, rng: random.Random, top: float, n: int) -> None:
    colours = ["#f4d35e", "#ee6c4d", "#c77dff", "#ffffff", "#f28482"]
    for _ in range(n):
        x, y = rng.uniform(0, WIDTH), rng.uniform(top + 20, HEIGHT - 10)
        draw.line((x, y, x, y + 14), fill="#2f6b3a", width=2)
        draw.ellipse((x - 5, y - 5, x + 5, y + 5), fill=rng.choice(colours))


def _bike(draw: ImageDraw.ImageDraw, x: float, base: float, size: float, colour: str) -> None:
    r = size * 0.3
    for cx in (x - size * 0.45, x + size * 0.45):
        draw.ellipse((cx - r, base - 2 * r, cx + r, base), outline="#333333", width=4)
    draw.line((x - size * 0.45, base - r, x, base - r * 2.2, x + size * 0.45, base - r), fill=colour, width=5)
    draw.line((x, base - r * 2.2, x - size * 0.1, base - r), fill=colour, width=5)


def _person(draw: ImageDraw.ImageDraw, x: float, base: float, size: float, colour: str) -> None:
    draw.ellipse((x - size * 0.14, base - size, x + size * 0.14, base - size * 0.72), fill="#8d5524")
    draw.rounded_rectangle(
        (x - size * 0.2, base - size * 0.72, x + size * 0.2, base - size * 0.25), 8, fill=colour
    )
    draw.rectangle((x - size * 0.16, base - size * 0.25, x - size * 0.04, base), fill="#333333")
    draw.rectangle((x + size * 0.04, base - size * 0.25, x + size * 0.16, base), fill="#333333")


def sketch(*, seed: str, elements: Iterable[str], palette: str = "default") -> bytes:
    """A PNG sketch of a place with the given `elements` (names from ELEMENTS) in a hub's palette."""
    rng = _rng(seed)
    colours = PALETTES.get(palette, PALETTES["default"])
    wanted = set(elements) & set(ELEMENTS)
    image = Image.new("RGB", (WIDTH, HEIGHT), colours["sky"][1])
    draw = ImageDraw.Draw(image)
    horizon = int(HEIGHT * rng.uniform(0.5, 0.6))
    top_rgb = tuple(int(colours["sky"][0][i : i + 2], 16) for i in (1, 3, 5))
    bottom_rgb = tuple(int(colours["sky"][1][i : i + 2], 16) for i in (1, 3, 5))
    for y in range(horizon):
        t = y / horizon
        draw.line(
            (0, y, WIDTH, y),
            fill=tuple(round(a + (b - a) * t) for a, b in zip(top_rgb, bottom_rgb, strict=True)),
        )
    # Houses on the horizon: the city around the place.
    x = -20.0
    while x < WIDTH:
        w, h = rng.uniform(90, 170), rng.uniform(80, 200)
        shade = rng.choice(["#d9c8b4", "#c9b8a6", "#e3d5c3", "#b9a894", "#cdd6dd"])
        draw.rectangle((x, horizon - h, x + w, horizon), fill=shade)
        for wy in range(int(horizon - h + 18), horizon - 20, 34):
            for wx in range(int(x + 14), int(x + w - 20), 30):
                draw.rectangle((wx, wy, wx + 14, wy + 18), fill="#f7f3e8")
        x += w + rng.uniform(-10, 6)
    draw.rectangle((0, horizon, WIDTH, HEIGHT), fill=colours["ground"])
    if "water" in wanted:
        draw.polygon(
            [(0, HEIGHT - 80), (WIDTH, HEIGHT - 150), (WIDTH, HEIGHT - 70), (0, HEIGHT)], fill="#6fa8dc"
        )
    if "path" in wanted:
        mid = rng.uniform(WIDTH * 0.35, WIDTH * 0.65)
        draw.polygon(
            [(mid - 30, horizon), (mid + 30, horizon), (mid + 170, HEIGHT), (mid - 170, HEIGHT)],
            fill="#d8c7a1",
        )
    if "flowers" in wanted:
        _flowers(draw, rng, horizon, 140)
    if "roof" in wanted:
        cx = WIDTH * 0.5
        draw.polygon(
            [(cx - 230, horizon - 20), (cx, horizon - 140), (cx + 230, horizon - 20)], fill=colours["accent"]
        )
        for post in (cx - 200, cx + 190):
            draw.rectangle((post, horizon - 24, post + 12, horizon + 90), fill="#5a3b22")
    if "stage" in wanted:
        draw.rectangle((WIDTH * 0.3, horizon + 10, WIDTH * 0.7, horizon + 60), fill="#8a5a35")
        draw.rectangle((WIDTH * 0.3, horizon - 110, WIDTH * 0.7, horizon - 100), fill=colours["warm"])
    depth = [horizon + (HEIGHT - horizon) * f for f in (0.35, 0.6, 0.9)]
    if "trees" in wanted:
        for _ in range(rng.randint(3, 6)):
            row = rng.choice(depth)
            _tree(
                draw,
                rng.uniform(30, WIDTH - 30),
                row,
                60 + (row - horizon) * 0.5,
                rng.choice(["#2f7d4a", "#3f9b5a", colours["accent"]]),
            )
    if "planters" in wanted:
        for k in range(rng.randint(2, 3)):
            _planter(draw, WIDTH * (0.2 + 0.3 * k) + rng.uniform(-30, 30), depth[1] + 20, 70, rng)
    if "benches" in wanted:
        for _ in range(rng.randint(2, 3)):
            _bench(draw, rng.uniform(100, WIDTH - 100), rng.choice(depth[1:]), 70)
    if "bikes" in wanted:
        for k in range(rng.randint(2, 4)):
            _bike(
                draw,
                140 + k * 120 + rng.uniform(-20, 20),
                depth[2],
                110,
                rng.choice([colours["accent"], colours["warm"], "#444444"]),
            )
    if "people" in wanted:
        for _ in range(rng.randint(3, 6)):
            _person(
                draw,
                rng.uniform(60, WIDTH - 60),
                rng.choice(depth),
                110,
                rng.choice([colours["accent"], colours["warm"], "#6c757d", "#f4a261"]),
            )
    return _png(image)


def _rings(geometry: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """The geometry's outlines as lists of (lon, lat); none for a geometry that makes no sense."""
    try:
        return _outlines(geometry)
    except (IndexError, TypeError, ValueError):
        return []


def _outlines(geometry: dict[str, Any]) -> list[list[tuple[float, float]]]:
    kind, coords = geometry.get("type"), geometry.get("coordinates") or []
    if kind == "Polygon":
        return [[(float(x), float(y)) for x, y, *_ in coords[0]]]
    if kind == "MultiPolygon":
        return [[(float(x), float(y)) for x, y, *_ in poly[0]] for poly in coords]
    if kind == "LineString":
        return [[(float(x), float(y)) for x, y, *_ in coords]]
    if kind == "Point":
        return [[(float(coords[0]), float(coords[1]))]]
    return []


def map_thumbnail(*, geometry: dict[str, Any] | None, seed: str, palette: str = "default") -> bytes:
    """A PNG map-like thumbnail: blocks and streets around the place, the place drawn on top
    (an area filled, a line traced, a point as a pin). Not a real map: a picture of where."""
    rng = _rng(seed)
    colours = PALETTES.get(palette, PALETTES["default"])
    image = Image.new("RGB", (WIDTH, HEIGHT), "#eef0ea")
    draw = ImageDraw.Draw(image)
    # Blocks between streets.
    y = -20.0
    while y < HEIGHT:
        h = rng.uniform(70, 130)
        x = -20.0
        while x < WIDTH:
            w = rng.uniform(90, 170)
            fill = "#c8e0b4" if rng.random() < 0.18 else "#e1ddd3"
            draw.rectangle((x + 9, y + 9, x + w - 9, y + h - 9), fill=fill)
            x += w
        y += h
    rings = [r for r in _rings(geometry or {}) if r]
    if not rings:
        return _png(image)
    xs = [p[0] for r in rings for p in r]
    ys = [p[1] for r in rings for p in r]
    min_x, max_x, min_y, max_y = min(xs), max(xs), min(ys), max(ys)
    span = max(max_x - min_x, (max_y - min_y) * 2, 1e-9)
    scale = min(WIDTH, HEIGHT * 2) * 0.4 / span

    def to_px(p: tuple[float, float]) -> tuple[float, float]:
        return (
            WIDTH / 2 + (p[0] - (min_x + max_x) / 2) * scale,
            HEIGHT / 2 - (p[1] - (min_y + max_y) / 2) * scale * 2,
        )

    kind = (geometry or {}).get("type")
    for ring in rings:
        points = [to_px(p) for p in ring]
        if kind in ("Polygon", "MultiPolygon") and len(points) > 2:
            draw.polygon(points, fill=colours["ground"], outline=colours["accent"], width=6)
        elif kind == "LineString" and len(points) > 1:
            draw.line(points, fill=colours["accent"], width=10, joint="curve")
        else:
            cx, cy = points[0] if len(points) == 1 else (WIDTH / 2, HEIGHT / 2)
            draw.ellipse((cx - 60, cy - 60, cx + 60, cy + 60), fill=colours["ground"])
            draw.polygon([(cx - 26, cy - 50), (cx + 26, cy - 50), (cx, cy)], fill=colours["warm"])
            draw.ellipse((cx - 28, cy - 82, cx + 28, cy - 26), fill=colours["warm"])
            draw.ellipse((cx - 10, cy - 64, cx + 10, cy - 44), fill="#ffffff")
    return _png(image)
