"""The clustered map's pyramid: `MarkCell` (visible marks per grid cell, zoom 0 … 15 and
category), a table of the zoom levels' scales, triggers that keep the cells equal to the marks
on every insert, update and delete (bulk ones too), and the cells of the marks already there.
The grid is apps.places.grid's: cx = floor((lon + 180) · 2^z / 90), cy = floor((lat + 90) · 2^z / 45)
(on SQLite a CAST, which is floor for these non-negative numbers)."""

import django.db.models.deletion
from django.db import migrations, models


PYRAMID_MAX = 15  # apps.places.grid.PYRAMID_MAX at the time of this migration
LEVELS = [(z, float(2**z) / 90.0, float(2**z) / 45.0) for z in range(PYRAMID_MAX + 1)]
COLUMNS = "settings_id, category_id, zoom, cx, cy, n, slon, slat"
CONFLICT = "(settings_id, zoom, cx, cy, category_id)"


def _cell(vendor: str, row: str) -> str:
    if vendor == "postgresql":
        return f"floor(({row}.lon + 180.0) * g.lon_scale)::integer, floor(({row}.lat + 90.0) * g.lat_scale)::integer"
    return f"CAST(({row}.lon + 180.0) * g.lon_scale AS INTEGER), CAST(({row}.lat + 90.0) * g.lat_scale AS INTEGER)"


def _add(vendor: str, row: str) -> str:
    return (
        f"INSERT INTO mapinput_markcell ({COLUMNS}) "
        f"SELECT {row}.settings_id, {row}.category_id, g.zoom, {_cell(vendor, row)}, 1, {row}.lon, {row}.lat "
        f"FROM mapinput_gridlevel g WHERE NOT {row}.hidden "
        f"ON CONFLICT {CONFLICT} DO UPDATE SET n = mapinput_markcell.n + 1, "
        "slon = mapinput_markcell.slon + excluded.slon, slat = mapinput_markcell.slat + excluded.slat"
    )


def _remove(vendor: str, row: str) -> str:
    cx, cy = _cell(vendor, row).split(", ")
    return (
        f"UPDATE mapinput_markcell SET n = n - 1, slon = slon - {row}.lon, slat = slat - {row}.lat "
        f"FROM mapinput_gridlevel g WHERE NOT {row}.hidden AND mapinput_markcell.settings_id = {row}.settings_id "
        f"AND mapinput_markcell.zoom = g.zoom AND mapinput_markcell.cx = {cx} AND mapinput_markcell.cy = {cy} "
        f"AND mapinput_markcell.category_id = {row}.category_id"
    )


BACKFILL = {
    "sqlite": (
        f"INSERT INTO mapinput_markcell ({COLUMNS}) SELECT m.settings_id, m.category_id, g.zoom, "
        "CAST((m.lon + 180.0) * g.lon_scale AS INTEGER) AS x, CAST((m.lat + 90.0) * g.lat_scale AS INTEGER) AS y, "
        "count(*), sum(m.lon), sum(m.lat) FROM mapinput_mapmark m CROSS JOIN mapinput_gridlevel g "
        "WHERE NOT m.hidden GROUP BY m.settings_id, m.category_id, g.zoom, x, y"
    ),
    "postgresql": (
        f"INSERT INTO mapinput_markcell ({COLUMNS}) SELECT m.settings_id, m.category_id, g.zoom, "
        "floor((m.lon + 180.0) * g.lon_scale)::integer AS x, floor((m.lat + 90.0) * g.lat_scale)::integer AS y, "
        "count(*), sum(m.lon), sum(m.lat) FROM mapinput_mapmark m CROSS JOIN mapinput_gridlevel g "
        "WHERE NOT m.hidden GROUP BY m.settings_id, m.category_id, g.zoom, x, y"
    ),
}

FORWARD = {
    "sqlite": [
        f"CREATE TRIGGER mapinput_markcell_insert AFTER INSERT ON mapinput_mapmark BEGIN {_add('sqlite', 'new')}; END",
        f"CREATE TRIGGER mapinput_markcell_delete AFTER DELETE ON mapinput_mapmark BEGIN {_remove('sqlite', 'old')}; END",
        "CREATE TRIGGER mapinput_markcell_update AFTER UPDATE OF settings_id, category_id, lon, lat, hidden "
        f"ON mapinput_mapmark BEGIN {_remove('sqlite', 'old')}; {_add('sqlite', 'new')}; END",
    ],
    "postgresql": [
        f"""
        CREATE FUNCTION mapinput_markcell_sync() RETURNS trigger AS $$
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') THEN {_remove("postgresql", "OLD")}; END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') THEN {_add("postgresql", "NEW")}; END IF;
            RETURN NULL;
        END $$ LANGUAGE plpgsql
        """,
        "CREATE TRIGGER mapinput_markcell_sync AFTER INSERT OR DELETE OR UPDATE OF settings_id, category_id, "
        "lon, lat, hidden ON mapinput_mapmark FOR EACH ROW EXECUTE FUNCTION mapinput_markcell_sync()",
    ],
}
BACKWARD = {
    "sqlite": [
        "DROP TRIGGER IF EXISTS mapinput_markcell_insert",
        "DROP TRIGGER IF EXISTS mapinput_markcell_delete",
        "DROP TRIGGER IF EXISTS mapinput_markcell_update",
        "DROP TABLE IF EXISTS mapinput_gridlevel",
    ],
    "postgresql": [
        "DROP TRIGGER IF EXISTS mapinput_markcell_sync ON mapinput_mapmark",
        "DROP FUNCTION IF EXISTS mapinput_markcell_sync()",
        "DROP TABLE IF EXISTS mapinput_gridlevel",
    ],
}


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor not in FORWARD:
        return
    schema_editor.execute(
        "CREATE TABLE mapinput_gridlevel (zoom integer PRIMARY KEY, lon_scale double precision NOT NULL, "
        "lat_scale double precision NOT NULL)"
    )
    for level in LEVELS:
        schema_editor.execute("INSERT INTO mapinput_gridlevel VALUES (%s, %s, %s)", level)
    for sql in FORWARD[vendor]:
        schema_editor.execute(sql)
    schema_editor.execute(BACKFILL[vendor])


def backward(apps, schema_editor):
    for sql in BACKWARD.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("mapinput", "0003_private_photos"),
    ]

    operations = [
        migrations.CreateModel(
            name="MarkCell",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("zoom", models.PositiveSmallIntegerField()),
                ("cx", models.IntegerField()),
                ("cy", models.IntegerField()),
                ("n", models.IntegerField()),
                ("slon", models.FloatField()),
                ("slat", models.FloatField()),
                (
                    "category",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="mapinput.markcategory",
                    ),
                ),
                (
                    "settings",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        db_index=False,
                        to="mapinput.marksettings",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("settings", "zoom", "cx", "cy", "category"), name="markcell_unique"
                    )
                ],
            },
        ),
        migrations.RunPython(forward, backward),
    ]
