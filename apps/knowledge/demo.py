"""Demo data for knowledge: the Södertörn DDF package (data/sodertorn-ddf) in the hub
"sodertorn", through the same service as `manage.py import_ddf`. Called by seed_demo.

Idempotent and quick the second time: skipped when the package (and the options) have the
checksum recorded by the last import."""

from pathlib import Path
from typing import Any

from django.conf import settings

from apps.hubs.models import Hub
from apps.knowledge.services import ddf_import

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
