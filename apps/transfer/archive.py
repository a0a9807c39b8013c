"""The hub archive: writing one (export) and reading one safely (validation, upgrade).

The format is described in docs/hub-archive.md. In short (version 2): a zip file with

- `manifest.json`: format name and version, source installation, the hub, when it was made,
  the models in import order with their row counts, and the SHA-256 of every other file;
- `data/<app_label>.<model>.jsonl`: one JSON object per row, `{"pk": …, "fields": {…}}`;
- `files/<app_label>.<model>/<pk>/<field>/<name>`: the uploaded files.

Version 1 kept the rows in `data/<app_label>/<model>.jsonl` and named the manifest's keys
`version`, `hub` (the slug) and `sha256`; `upgrade_v1` turns such a manifest into version 2.
"""

import datetime
import hashlib
import io
import json
import posixpath
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from django.apps import apps
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.transfer import scope

FORMAT = "allmenning-hub-archive"
FORMAT_VERSION = 2
MANIFEST = "manifest.json"
# Limits against zip bombs: the whole archive unpacked, one member, and how much one member may
# grow when unpacked. Settings may raise them for very large hubs.
MAX_TOTAL_BYTES = getattr(settings, "TRANSFER_MAX_TOTAL_BYTES", 4 * 1024**3)
MAX_MEMBER_BYTES = getattr(settings, "TRANSFER_MAX_MEMBER_BYTES", 1024**3)
MAX_RATIO = 200
MAX_MEMBERS = 200_000
_SAFE_PART = re.compile(r"^[A-Za-z0-9._-][A-Za-z0-9._ -]*$")

Progress = Callable[[int, int], None]


class ArchiveEncoder(DjangoJSONEncoder):
    """Django's JSON encoder, but times keep their microseconds (Django's cuts them to
    milliseconds, which would lose what the database holds)."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class ArchiveError(Exception):
    """An archive that cannot be imported, with a translated message for people."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def data_path(label: str) -> str:
    return f"data/{label.lower()}.jsonl"


def _no_progress(done: int, total: int) -> None:
    return None


# ---------------------------------------------------------------------------- export


def _file_name(name: str) -> str:
    base = posixpath.basename(name.replace("\\", "/")) or "file"
    base = re.sub(r"[^A-Za-z0-9._-]", "_", base).lstrip(".") or "file"
    return base[:120]


@dataclass
class _Export:
    hub: Any
    zf: zipfile.ZipFile
    hashes: dict[str, str] = field(default_factory=dict)
    scoped_pks: dict[str, set[Any]] = field(default_factory=dict)
    referenced: dict[str, set[Any]] = field(default_factory=dict)
    natural_cache: dict[tuple[str, Any], list[Any]] = field(default_factory=dict)

    def write(self, path: str, payload: bytes) -> None:
        self.zf.writestr(path, payload)
        self.hashes[path] = hashlib.sha256(payload).hexdigest()

    def reference(self, target: type[models.Model], pk: Any, where: str) -> Any:
        label = target._meta.label
        if pk is None:
            return None
        if label in scope.HUB_SCOPED and pk in self.scoped_pks.get(label, ()):
            return pk
        if label in scope.REFERENCED:
            self.referenced.setdefault(label, set()).add(pk)
            return pk
        if label in scope.CATALOGUE:
            key = (label, pk)
            if key not in self.natural_cache:
                obj = target._base_manager.get(pk=pk)
                self.natural_cache[key] = scope.natural_key(target, obj)
            return {"natural": self.natural_cache[key]}
        # A row of another hub: the reference cannot travel.
        return {"outside": str(pk), "where": where}


def ordered_labels() -> list[str]:
    """Every exported model in an order that inserts a row after the rows it must point at
    (non-null foreign keys); nullable keys that point forward are filled in afterwards."""
    labels = list(scope.REFERENCED) + list(scope.HUB_SCOPED)
    models_ = {label: apps.get_model(label) for label in labels}
    deps: dict[str, set[str]] = {}
    hard: dict[str, set[str]] = {}
    for label, model in models_.items():
        deps[label], hard[label] = set(), set()
        for f in model._meta.concrete_fields:
            if f.is_relation and f.related_model is not None:
                target = f.related_model._meta.label
                if target in models_ and target != label:
                    deps[label].add(target)
                    if not f.null:
                        hard[label].add(target)
    # A generic key can point at any row: its model comes after every other model of the hub.
    for label in scope.GENERIC:
        others = {other for other in scope.HUB_SCOPED if other not in scope.GENERIC}
        deps[label] |= others
        hard[label] |= others
    order: list[str] = []
    remaining = dict(deps)
    while remaining:
        ready = [label for label in labels if label in remaining and not (remaining[label] - set(order))]
        if not ready:
            # A cycle: drop the nullable edges of the first model that has only nullable ones left.
            ready = [label for label in labels if label in remaining and not (hard[label] - set(order))][:1]
            if not ready:
                raise RuntimeError(f"No import order: {sorted(remaining)}")
        for label in ready:
            order.append(label)
            del remaining[label]
    return order


def write_archive(hub: Any, out: IO[bytes], progress: Progress = _no_progress) -> dict[str, Any]:
    """Write the archive of `hub` to the binary file `out`; return its manifest."""
    order = ordered_labels()
    scoped = [label for label in order if label in scope.HUB_SCOPED]
    with transaction.atomic(), zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        export = _Export(hub=hub, zf=zf)
        for label in scoped:
            model = apps.get_model(label)
            export.scoped_pks[label] = set(scope.hub_queryset(model, hub).values_list("pk", flat=True))
        total = sum(len(pks) for pks in export.scoped_pks.values())
        done = 0
        counts: dict[str, int] = {}
        for label in scoped:
            model = apps.get_model(label)
            m2m = {f.name: _m2m_links(f, export.scoped_pks[label]) for f in scope.m2m_fields(model)}
            lines = []
            for obj in scope.hub_queryset(model, hub).iterator(chunk_size=1000):
                lines.append(_row(export, model, obj, m2m))
                done += 1
                if done % 500 == 0:
                    progress(done, total)
            counts[label] = len(lines)
            export.write(data_path(label), _jsonl(lines))
        for label in scope.REFERENCED:
            model = apps.get_model(label)
            wanted = scope.REFERENCED[label]
            pks = export.referenced.get(label, set())
            lines = []
            for obj in model._base_manager.filter(pk__in=pks).order_by("pk").iterator():
                values = {name: model._meta.get_field(name).value_from_object(obj) for name in wanted}
                lines.append({"pk": obj.pk, "fields": values, "natural": scope.natural_key(model, obj)})
            counts[label] = len(lines)
            export.write(data_path(label), _jsonl(lines))
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "source": {"installation": settings.SITE_URL, "software": "allmenning"},
            "hub": {"slug": hub.slug, "name": hub.name},
            "created": timezone.now().isoformat(),
            "models": [{"label": label, "file": data_path(label), "count": counts[label]} for label in order],
            "counts": counts,
            "files": dict(sorted(export.hashes.items())),
        }
        zf.writestr(MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False, cls=ArchiveEncoder))
        progress(total, total)
    return manifest


def _jsonl(lines: list[dict[str, Any]]) -> bytes:
    return "".join(
        json.dumps(line, ensure_ascii=False, sort_keys=True, cls=ArchiveEncoder) + "\n" for line in lines
    ).encode("utf-8")


def _m2m_links(f: Any, pks: set[Any]) -> dict[Any, list[Any]]:
    through = f.remote_field.through
    source = f.m2m_field_name()
    target = f.m2m_reverse_field_name()
    links: dict[Any, list[Any]] = {}
    rows = through._base_manager.filter(**{f"{source}__in": pks}).order_by("pk")
    for src, tgt in rows.values_list(f"{source}_id", f"{target}_id"):
        links.setdefault(src, []).append(tgt)
    return links


def _row(
    export: _Export, model: type[models.Model], obj: Any, m2m: dict[str, dict[Any, list[Any]]]
) -> dict[str, Any]:
    label = model._meta.label
    values: dict[str, Any] = {}
    for f in model._meta.concrete_fields:
        if f.primary_key:
            continue
        where = f"{label} {obj.pk} {f.name}"
        if f.is_relation and f.related_model is not None:
            values[f.name] = export.reference(f.related_model, getattr(obj, f.attname), where)
        elif isinstance(f, models.FileField):
            values[f.name] = _file(export, label, obj, f)
        else:
            values[f.name] = f.value_from_object(obj)
    for name, links in m2m.items():
        target: Any = model._meta.get_field(name).related_model
        values[name] = [
            export.reference(target, pk, f"{label} {obj.pk} {name}") for pk in links.get(obj.pk, [])
        ]
    if label in scope.GENERIC:
        ct_field, id_field = scope.GENERIC[label]
        ct_id = getattr(obj, model._meta.get_field(ct_field).attname)  # type: ignore[union-attr]
        object_id = getattr(obj, id_field)
        if ct_id is not None and object_id not in (None, ""):
            from django.contrib.contenttypes.models import ContentType

            target = ContentType.objects.get_for_id(ct_id).model_class()
            if target is not None:
                try:
                    target_pk = target._meta.pk.to_python(object_id)  # type: ignore[union-attr]
                except Exception:  # noqa: BLE001 - an id that is no id of that model stays as it is
                    target_pk = None
                if target_pk is not None:
                    values[id_field] = {
                        "ref": export.reference(target, target_pk, f"{label} {obj.pk} {id_field}"),
                        "raw": object_id,
                    }
    if label == "audit.AuditEntry" and isinstance(obj.data, dict):
        data = dict(obj.data)
        for key, target_label in scope.AUDIT_DATA_IDS.items():
            if key not in data:
                continue
            target = apps.get_model(target_label)
            value = data[key]
            if isinstance(value, list):
                data[key] = [
                    {"ref": export.reference(target, v, "audit data")} if isinstance(v, int) else v
                    for v in value
                ]
            elif isinstance(value, int) and not isinstance(value, bool):
                data[key] = {"ref": export.reference(target, value, "audit data")}
        values["data"] = data
    return {"pk": obj.pk, "fields": values}


def _file(export: _Export, label: str, obj: Any, f: Any) -> Any:
    name = f.value_from_object(obj)
    name = getattr(name, "name", name)
    if not name:
        return None
    path = f"files/{label.lower()}/{obj.pk}/{f.name}/{_file_name(name)}"
    try:
        with f.storage.open(name, "rb") as handle:
            payload = handle.read()
    except (FileNotFoundError, OSError):
        return {"name": name, "missing": True}
    export.write(path, payload)
    return {"name": name, "path": path}


# ---------------------------------------------------------------------------- reading


def _safe_member(name: str) -> bool:
    if name.startswith("/") or "\\" in name or "\x00" in name:
        return False
    parts = name.split("/")
    if any(part in ("", ".", "..") for part in parts):
        return False
    if name == MANIFEST:
        return True
    if parts[0] == "data":
        return all(_SAFE_PART.match(part) for part in parts[1:])
    if parts[0] == "files" and len(parts) >= 2:
        return all(_SAFE_PART.match(part) for part in parts[1:])
    return False


class Archive:
    """An opened archive whose every file was checked against the manifest (sizes, hashes,
    names), upgraded to the current format version."""

    def __init__(self, source: str | IO[bytes]) -> None:
        try:
            self.zf = zipfile.ZipFile(source)
        except (zipfile.BadZipFile, OSError, ValueError) as error:
            raise ArchiveError(_("This file is not a hub archive (not a zip file).")) from error
        self._cache: dict[str, bytes] = {}
        self._check_members()
        try:
            manifest = json.loads(self.read(MANIFEST))
        except KeyError as error:
            raise ArchiveError(_("The archive has no manifest.json.")) from error
        except (ValueError, UnicodeDecodeError) as error:
            raise ArchiveError(_("The archive's manifest is not valid JSON.")) from error
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise ArchiveError(_("This file is not a hub archive of Allmenning."))
        version = manifest.get("format_version", manifest.get("version"))
        if not isinstance(version, int) or version < 1:
            raise ArchiveError(_("The archive's format version is missing or not a number."))
        if version > FORMAT_VERSION:
            raise ArchiveError(
                _(
                    "The archive has format version %(found)s, newer than this installation reads "
                    "(up to %(known)s). Update this installation first."
                )
                % {"found": version, "known": FORMAT_VERSION}
            )
        self.original_version = version
        if version == 1:
            manifest = upgrade_v1(manifest)
        self.manifest = manifest
        self._check_files()

    def _check_members(self) -> None:
        infos = self.zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise ArchiveError(_("The archive holds too many files."))
        total = 0
        for info in infos:
            if info.is_dir():
                continue
            if not _safe_member(info.filename):
                raise ArchiveError(
                    _("The archive holds a file with a name that is not allowed: %(name)s")
                    % {"name": info.filename[:200]}
                )
            if info.file_size > MAX_MEMBER_BYTES or (
                info.compress_size
                and info.file_size / max(info.compress_size, 1) > MAX_RATIO
                and info.file_size > 1024**2
            ):
                raise ArchiveError(
                    _("The archive holds a file that unpacks too large: %(name)s") % {"name": info.filename}
                )
            total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise ArchiveError(_("The archive unpacks too large."))

    def read(self, name: str) -> bytes:
        """A member's bytes, read no further than the limit whatever its header says."""
        if name in self._cache:
            return self._cache[name]
        with self.zf.open(name) as handle:
            payload = handle.read(MAX_MEMBER_BYTES + 1)
        if len(payload) > MAX_MEMBER_BYTES:
            raise ArchiveError(
                _("The archive holds a file that unpacks too large: %(name)s") % {"name": name}
            )
        return payload

    def _check_files(self) -> None:
        files = self.manifest.get("files")
        if not isinstance(files, dict):
            raise ArchiveError(_("The archive's manifest lists no files."))
        present = {info.filename for info in self.zf.infolist() if not info.is_dir()} - {MANIFEST}
        for name in sorted(present - set(files)):
            raise ArchiveError(
                _("The archive holds a file its manifest does not list: %(name)s") % {"name": name}
            )
        for name, expected in files.items():
            if name not in present:
                raise ArchiveError(_("A file listed in the manifest is missing: %(name)s") % {"name": name})
            payload = self.read(name)
            if hashlib.sha256(payload).hexdigest() != expected:
                raise ArchiveError(
                    _(
                        "The file %(name)s does not match its SHA-256 in the manifest: "
                        "the archive was changed or damaged."
                    )
                    % {"name": name}
                )
            if name.startswith("data/"):
                self._cache[name] = payload
        known = set(scope.REFERENCED) | set(scope.HUB_SCOPED)
        for entry in self.manifest.get("models", []):
            if entry.get("label") not in known:
                raise ArchiveError(
                    _("The archive holds rows of an unknown kind: %(label)s") % {"label": entry.get("label")}
                )
            if entry.get("file") not in files:
                raise ArchiveError(
                    _("A file listed in the manifest is missing: %(name)s") % {"name": entry.get("file")}
                )
            count = sum(1 for line in self.read(entry["file"]).splitlines() if line.strip())
            if count != entry.get("count"):
                raise ArchiveError(
                    _("%(label)s: the manifest counts %(expected)s rows, the archive holds %(found)s.")
                    % {"label": entry["label"], "expected": entry.get("count"), "found": count}
                )

    def rows(self, label: str) -> Iterator[dict[str, Any]]:
        entry = next((e for e in self.manifest["models"] if e["label"] == label), None)
        if entry is None:
            return
        for number, line in enumerate(io.BytesIO(self.read(entry["file"])), start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError as error:
                raise ArchiveError(
                    _("%(file)s, line %(line)s is not valid JSON.") % {"file": entry["file"], "line": number}
                ) from error
            if not isinstance(row, dict) or "pk" not in row or not isinstance(row.get("fields"), dict):
                raise ArchiveError(
                    _("%(file)s, line %(line)s is not a row.") % {"file": entry["file"], "line": number}
                )
            yield row

    def counts(self) -> dict[str, int]:
        return {e["label"]: e["count"] for e in self.manifest["models"]}

    def close(self) -> None:
        self.zf.close()


def upgrade_v1(manifest: dict[str, Any]) -> dict[str, Any]:
    """A version 1 manifest in version 2's shape. Version 1 wrote `version`, `hub` (the slug
    alone), `counts` and `sha256`, and rows under `data/<app_label>/<model>.jsonl`; it had
    no `source` and no `models` list (the reader takes the labels from `counts`)."""
    hashes = dict(manifest.get("sha256") or {})
    counts = dict(manifest.get("counts") or {})
    models_ = [
        {"label": label, "file": f"data/{label.lower().replace('.', '/', 1)}.jsonl", "count": n}
        for label, n in counts.items()
    ]
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "upgraded_from": 1,
        "source": {"installation": "", "software": "allmenning"},
        "hub": {"slug": manifest.get("hub", ""), "name": ""},
        "created": manifest.get("created", ""),
        "models": models_,
        "counts": counts,
        "files": hashes,
    }


def downgrade_to_v1(source: IO[bytes], out: IO[bytes]) -> None:
    """Rewrite a version 2 archive in version 1's shape (how the test fixture of version 1 is
    made; no installation writes version 1 any more)."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        manifest = json.loads(zin.read(MANIFEST))
        hashes = {}
        for info in zin.infolist():
            if info.filename == MANIFEST:
                continue
            name = info.filename
            if name.startswith("data/"):
                label = name[len("data/") : -len(".jsonl")]
                name = "data/" + label.replace(".", "/", 1) + ".jsonl"
            zout.writestr(name, zin.read(info.filename))
            hashes[name] = manifest["files"][info.filename]
        old = {
            "format": FORMAT,
            "version": 1,
            "hub": manifest["hub"]["slug"],
            "created": manifest["created"],
            "counts": manifest["counts"],
            "sha256": hashes,
        }
        zout.writestr(MANIFEST, json.dumps(old, indent=2, ensure_ascii=False))
