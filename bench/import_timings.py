"""Timings that used to be wall-clock limits inside unit tests, measured here instead (run by
bench/knowledge_bench.py in a subprocess, on the database the Södertörn import just filled):

- the demo's knowledge seed a second time (the package unchanged: it should only compare
  checksums and skip), target under 2 s;
- all 1,364 real small areas through `places.services.areas_upsert` into a hub of their own,
  then again (nothing changes), target under 10 s for the first.

Prints one JSON object on standard output.
"""

import json
import os
import sys
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "allmenning.settings.bench")


def main() -> None:
    import django

    django.setup()
    from apps.hubs.models import Hub
    from apps.knowledge import demo
    from apps.places import services
    from apps.places.topojson import decode

    assets = ROOT / "data" / "sodertorn-ddf" / "assets"
    started = time.perf_counter()
    out = StringIO()
    demo.seed(stdout=out)
    reseed = time.perf_counter() - started

    hub, _created = Hub.objects.get_or_create(
        slug="bench-areas", defaults={"name": "Areas", "place": "Södertörn"}
    )
    levels = services.area_levels_ensure(
        hub=hub, levels=[("municipality", "Municipality", ""), ("small-area", "Small area", "")]
    )
    kommun = decode(json.loads((assets / "sodertorn-kommun.json").read_text(encoding="utf-8")))
    services.areas_upsert(
        hub=hub,
        level=levels["municipality"],
        rows=[
            {"code": f["properties"]["ID_2"], "name": f["properties"]["NAME_2"], "geometry": f["geometry"]}
            for f in kommun
        ],
    )
    rows = [
        {
            "code": f["properties"]["BASKOD2010"],
            "name": f["properties"]["BASN2010"],
            "geometry": f["geometry"],
            "parent_code": f"i01{f['properties']['KOMKOD']:02d}",
            "attributes": f["properties"],
        }
        for f in decode(json.loads((assets / "sodertorn-basomr2010.json").read_text(encoding="utf-8")))
    ]
    started = time.perf_counter()
    first = services.areas_upsert(hub=hub, level=levels["small-area"], rows=rows)
    areas = time.perf_counter() - started
    started = time.perf_counter()
    again = services.areas_upsert(hub=hub, level=levels["small-area"], rows=rows)
    areas_again = time.perf_counter() - started
    print(
        json.dumps(
            {
                "demo_reseed_seconds": round(reseed, 3),
                "demo_reseed_skipped": "unchanged since the last import" in out.getvalue(),
                "areas": len(rows),
                "areas_created": first.created,
                "areas_seconds": round(areas, 2),
                "areas_again_seconds": round(areas_again, 2),
                "areas_again_unchanged": again.unchanged,
            }
        )
    )


if __name__ == "__main__":
    main()
