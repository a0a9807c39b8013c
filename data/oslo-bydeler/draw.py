"""Draws data/oslo-bydeler/bydeler.geojson: schematic outlines of Oslo's 15 districts (bydeler).

Not official boundaries. Each district is the Voronoi cell around a point near its centre,
clipped to a hand-drawn, simplified outline of the municipality (without Marka's far north and
the islands). Good enough to place the demo's initiatives, marks and events in a district and to
show the districts on a map; replace with Oslo kommune's boundaries for real use (the importer,
`manage.py import_areas`, takes any GeoJSON with the same properties).

Run: .venv/bin/python data/oslo-bydeler/draw.py
"""

import json
from pathlib import Path

from shapely import MultiPoint, Polygon, voronoi_polygons
from shapely.geometry import Point, mapping

# Official district numbers (kommunenummer 0301 + two digits) and a point near each centre.
DISTRICTS = [
    ("030101", "Gamle Oslo", 10.778, 59.903),
    ("030102", "Grünerløkka", 10.765, 59.926),
    ("030103", "Sagene", 10.752, 59.940),
    ("030104", "St. Hanshaugen", 10.737, 59.926),
    ("030105", "Frogner", 10.703, 59.917),
    ("030106", "Ullern", 10.650, 59.926),
    ("030107", "Vestre Aker", 10.668, 59.965),
    ("030108", "Nordre Aker", 10.755, 59.968),
    ("030109", "Bjerke", 10.812, 59.942),
    ("030110", "Grorud", 10.880, 59.962),
    ("030111", "Stovner", 10.925, 59.958),
    ("030112", "Alna", 10.862, 59.928),
    ("030113", "Østensjø", 10.835, 59.892),
    ("030114", "Nordstrand", 10.790, 59.862),
    ("030115", "Søndre Nordstrand", 10.835, 59.833),
]

# The municipality, simplified and drawn by hand (lon, lat), clockwise from the south-west.
OUTLINE = [
    (10.600, 59.912),
    (10.622, 59.945),
    (10.615, 59.985),
    (10.650, 60.010),
    (10.715, 60.020),
    (10.790, 60.010),
    (10.850, 59.995),
    (10.900, 59.985),
    (10.950, 59.968),
    (10.945, 59.935),
    (10.905, 59.915),
    (10.885, 59.885),
    (10.870, 59.850),
    (10.860, 59.815),
    (10.810, 59.812),
    (10.780, 59.835),
    (10.765, 59.870),
    (10.755, 59.898),
    (10.735, 59.905),
    (10.700, 59.903),
    (10.665, 59.893),
    (10.630, 59.898),
    (10.600, 59.912),
]


def main() -> None:
    outline = Polygon(OUTLINE)
    points = MultiPoint([Point(lon, lat) for _code, _name, lon, lat in DISTRICTS])
    cells = voronoi_polygons(points, extend_to=outline.buffer(0.1))
    features = []
    for code, name, lon, lat in DISTRICTS:
        cell = next(c for c in cells.geoms if c.contains(Point(lon, lat)))
        shape = cell.intersection(outline).simplify(0.0005)
        geometry = json.loads(json.dumps(mapping(shape)))
        geometry["coordinates"] = [
            [[round(x, 5), round(y, 5)] for x, y in ring] for ring in geometry["coordinates"]
        ]
        features.append(
            {
                "type": "Feature",
                "properties": {"code": code, "name": name, "parent_code": "0301"},
                "geometry": geometry,
            }
        )
    collection = {
        "type": "FeatureCollection",
        "name": "oslo-bydeler",
        "features": [
            {
                "type": "Feature",
                "properties": {"code": "0301", "name": "Oslo", "parent_code": ""},
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [[[round(x, 5), round(y, 5)] for x, y in outline.exterior.coords]],
                },
            },
            *features,
        ],
    }
    out = Path(__file__).with_name("bydeler.geojson")
    out.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{out}: {len(features)} districts")


if __name__ == "__main__":
    main()
