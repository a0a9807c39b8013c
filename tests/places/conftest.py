"""Small hand-written geographies, and the real Södertörn files.

`two_squares_topology` is two unit squares side by side, A (lon 10–11) and B (lon 11–12), lat
60–61, quantised (scale 0.5, translate 10, 60) with delta-encoded arcs. Their shared border is
stored once (arc 0, walked upwards by A and backwards, as ~0, by B).
"""

import copy
import json
from pathlib import Path

import pytest

from apps.places import services

ASSETS = Path(__file__).resolve().parents[2] / "data" / "sodertorn-ddf" / "assets"
KOMMUN = ASSETS / "sodertorn-kommun.json"
BASOMR = ASSETS / "sodertorn-basomr2010.json"

TWO_SQUARES = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.5], "translate": [10, 60]},
    "arcs": [
        [[2, 0], [0, 2]],  # 0: the shared border, (11, 60) → (11, 61)
        [[2, 2], [-2, 0], [0, -2], [2, 0]],  # 1: A's other three sides, (11, 61) → (11, 60)
        [[2, 0], [2, 0], [0, 2], [-2, 0]],  # 2: B's other three sides, (11, 60) → (11, 61)
    ],
    "objects": {
        "squares": {
            "type": "GeometryCollection",
            "geometries": [
                {
                    "type": "Polygon",
                    "id": "A",
                    "arcs": [[0, 1]],
                    "properties": {"code": "A", "name": "Alpha"},
                },
                {
                    "type": "Polygon",
                    "id": "B",
                    "arcs": [[2, -1]],
                    "properties": {"code": "B", "name": "Beta"},
                },
            ],
        }
    },
}


def square(x0: float, y0: float, size: float = 1.0) -> dict:
    return {
        "type": "Polygon",
        "coordinates": [[[x0, y0], [x0 + size, y0], [x0 + size, y0 + size], [x0, y0 + size], [x0, y0]]],
    }


def feature(code: str, name: str, geometry: dict | None, **properties) -> dict:
    return {"type": "Feature", "properties": {"code": code, "name": name, **properties}, "geometry": geometry}


@pytest.fixture
def two_squares() -> dict:
    return copy.deepcopy(TWO_SQUARES)


@pytest.fixture
def write_json(tmp_path):
    def write(data, name: str = "areas.geojson") -> Path:
        path = tmp_path / name
        path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
        return path

    return write


@pytest.fixture
def levels(sodertorn):
    return services.area_levels_ensure(
        hub=sodertorn,
        levels=[("municipality", "Municipality", "Municipalities"), ("district", "District", "Districts")],
    )


@pytest.fixture
def grid(sodertorn, levels):
    """Two municipalities (M1 = lon 17–18, M2 = lon 18–19, lat 59–60) and four districts of
    half a degree each: D1, D2 in M1 (west and east half) and D3, D4 in M2."""
    services.areas_upsert(
        hub=sodertorn,
        level=levels["municipality"],
        rows=[
            {"code": "M1", "name": "West", "geometry": square(17, 59)},
            {"code": "M2", "name": "East", "geometry": square(18, 59)},
        ],
    )
    services.areas_upsert(
        hub=sodertorn,
        level=levels["district"],
        rows=[
            {
                "code": f"D{i + 1}",
                "name": f"District {i + 1}",
                "parent_code": "M1" if i < 2 else "M2",
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [
                        [
                            [17 + i / 2, 59],
                            [17.5 + i / 2, 59],
                            [17.5 + i / 2, 60],
                            [17 + i / 2, 60],
                            [17 + i / 2, 59],
                        ]
                    ],
                },
            }
            for i in range(4)
        ],
    )
    services.neighbours_compute(hub=sodertorn)
    return levels
