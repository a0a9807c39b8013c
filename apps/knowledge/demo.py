"""Demo data for knowledge: the Södertörn DDF package (data/sodertorn-ddf) in the hub
"sodertorn", through the same service as `manage.py import_ddf`. Called by seed_demo.

Idempotent and quick the second time: skipped when the package (and the options) have the
checksum recorded by the last import."""

from pathlib import Path
from typing import Any

from django.conf import settings

from apps.hubs.models import Hub
from apps.knowledge.models import Indicator
from apps.knowledge.services import ddf_import
from apps.places.models import AreaLevel

PACKAGE = Path(settings.BASE_DIR) / "data" / "sodertorn-ddf"
GEOMETRY = [
    "municipality=assets/sodertorn-kommun.json:ID_2=map_id",
    "basomrade=assets/sodertorn-basomr2010.json:BASKOD2010=baskod2010",
]


def seed(*, stdout: Any) -> None:
    hub = Hub.objects.filter(slug="sodertorn").first()
    if hub is None or not PACKAGE.is_dir():
        return
    summary = ddf_import(hub=hub, path=PACKAGE, geometry=GEOMETRY, skip_unchanged=True)
    for line in summary.lines()[:7]:
        stdout.write(line)
    _in_swedish(hub)


# Swedish names the package lacks, so Swedish pages speak Swedish (issue 13).
SWEDISH_INDICATORS = {
    "access_green_c_lt_300": "Grönytor inom 300 m",
    "access_sl_lt_300": "SL-hållplats inom 300 m",
    "population_total": "Befolkning totalt",
}
SWEDISH_LEVELS = {
    "municipality": ("Kommun", "Kommuner"),
    "basomrade": ("Basområde", "Basområden"),
    "country": ("Land", "Länder"),
    "county": ("Län", "Län"),
}


def _in_swedish(hub: Hub) -> None:
    for indicator in Indicator.objects.filter(hub=hub, name_sv=""):
        # Names the package already gives in Swedish (Andel …, Antal …) are kept as they are.
        indicator.name_sv = SWEDISH_INDICATORS.get(indicator.code, indicator.name_en)[:200]
        indicator.save(update_fields=["name_sv"])
    for level in AreaLevel.objects.filter(hub=hub, slug__in=list(SWEDISH_LEVELS)):
        name, plural = SWEDISH_LEVELS[level.slug]
        if (level.name, level.name_plural) != (name, plural):
            level.name, level.name_plural = name, plural
            level.save(update_fields=["name", "name_plural"])
