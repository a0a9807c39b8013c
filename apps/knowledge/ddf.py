"""Reading DDF-CSV packages (Gapminder's Data Description Format) — files only, no database.

A package is a folder with a `datapackage.json` that lists every resource (CSV file) and its
primary key. A resource keyed by `concept` holds concepts; one keyed by a single entity
domain or set holds entities; one keyed by several columns holds datapoints (one or more
measures per row). Translations live under `lang/<language>/<same path>`.

Every problem is a `DdfError` naming the file (and row, counted as a spreadsheet would: the
header is row 1).
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TRUE_VALUES = frozenset({"true", "1", "yes", "y", "t"})
ENTITY_TYPES = frozenset({"entity_domain", "entity_set"})


class DdfError(ValueError):
    """The package (or a file in it) cannot be imported; the message says where and why."""


@dataclass
class Resource:
    name: str
    path: Path  # absolute
    relpath: str  # as written in datapackage.json
    key: list[str]
    fields: list[str]


@dataclass
class Entity:
    code: str
    name: str
    sets: list[str]
    attributes: dict[str, str]
    names: dict[str, str] = field(default_factory=dict)  # language → translated name


def parse_number(raw: str, *, where: str) -> float:
    """A datapoint's value as a float; anything else (text, NaN, infinity) is an error."""
    try:
        value = float(raw)
    except ValueError:
        raise DdfError(f"{where}: value {raw!r} is not a number") from None
    if not math.isfinite(value):
        raise DdfError(f"{where}: value {raw!r} is not a finite number")
    return value


def parse_year(raw: str, *, where: str) -> int:
    text = raw.strip()
    if not (text.isdigit() and 1000 <= int(text) <= 9999):
        raise DdfError(f"{where}: year {raw!r} is not a four-digit year")
    return int(text)


def read_csv(path: Path, *, label: str | None = None) -> Iterator[tuple[int, dict[str, str]]]:
    """(row number, row) for each row of a CSV file; the header is row 1."""
    label = label or path.name
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            if not reader.fieldnames:
                raise DdfError(f"{label}: the file is empty (no header row)")
            yield from enumerate(reader, start=2)
    except FileNotFoundError:
        raise DdfError(f"{label}: file not found") from None
    except UnicodeDecodeError as exc:
        raise DdfError(f"{label}: not UTF-8 text ({exc.reason})") from None
    except csv.Error as exc:
        raise DdfError(f"{label}: not valid CSV ({exc})") from None


class DdfPackage:
    """A DDF-CSV package on disk, read through its datapackage.json."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root).resolve()
        manifest_path = self.root / "datapackage.json"
        if not manifest_path.is_file():
            raise DdfError(f"{manifest_path}: file not found (a DDF package needs a datapackage.json)")
        try:
            self.manifest: dict[str, Any] = json.loads(manifest_path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise DdfError(f"{manifest_path}: not valid JSON ({exc})") from None
        self.manifest_path = manifest_path
        self.name: str = str(self.manifest.get("name") or self.root.name)
        self.title: str = str(self.manifest.get("title") or self.name)
        self.licence: str = _licence_text(self.manifest.get("license") or self.manifest.get("licenses"))
        language = self.manifest.get("language") or {}
        self.language: str = str(language.get("id") if isinstance(language, dict) else language or "en")
        self.translations: list[str] = [
            str(t.get("id")) for t in self.manifest.get("translations") or [] if isinstance(t, dict)
        ]
        self.resources: list[Resource] = []
        for index, raw in enumerate(self.manifest.get("resources") or []):
            relpath = str(raw.get("path") or "")
            schema = raw.get("schema") or {}
            key = schema.get("primaryKey") or []
            if isinstance(key, str):
                key = [key]
            if not relpath or not key:
                raise DdfError(f"datapackage.json: resource {index + 1} has no path or no primaryKey")
            path = (self.root / relpath).resolve()
            if not path.is_relative_to(self.root):
                raise DdfError(f"datapackage.json: resource path {relpath!r} leaves the package")
            if not path.is_file():
                raise DdfError(f"{relpath}: file not found (listed in datapackage.json)")
            fields = [str(f.get("name")) for f in schema.get("fields") or []]
            self.resources.append(
                Resource(
                    name=str(raw.get("name") or relpath), path=path, relpath=relpath, key=key, fields=fields
                )
            )
        self.concepts: dict[str, dict[str, str]] = {}
        self.concept_names: dict[str, dict[str, str]] = {}  # language → concept → name
        self.concept_descriptions: dict[str, dict[str, str]] = {}
        self._read_concepts()

    # Concepts ------------------------------------------------------------------------

    def _read_concepts(self) -> None:
        concept_resources = [r for r in self.resources if r.key == ["concept"]]
        if not concept_resources:
            raise DdfError("datapackage.json: no concepts resource (primaryKey 'concept')")
        for resource in concept_resources:
            for _number, row in read_csv(resource.path, label=resource.relpath):
                code = (row.get("concept") or "").strip()
                if code:
                    self.concepts[code] = {k: (v or "").strip() for k, v in row.items() if k}
            for language, path in self._translation_files(resource):
                names = self.concept_names.setdefault(language, {})
                descriptions = self.concept_descriptions.setdefault(language, {})
                for _number, row in read_csv(path, label=str(path.relative_to(self.root))):
                    code = (row.get("concept") or "").strip()
                    if (row.get("name") or "").strip():
                        names[code] = row["name"].strip()
                    if (row.get("description") or "").strip():
                        descriptions[code] = row["description"].strip()

    def concept_type(self, code: str) -> str:
        return self.concepts.get(code, {}).get("concept_type", "")

    def is_entity(self, code: str) -> bool:
        return self.concept_type(code) in ENTITY_TYPES

    def domain_of(self, code: str) -> str:
        """An entity set's domain (`geo` for municipality), or the domain itself."""
        concept = self.concepts.get(code, {})
        if concept.get("concept_type") == "entity_set":
            return concept.get("domain", "")
        return code

    def measures(self) -> list[str]:
        return [c for c, row in self.concepts.items() if row.get("concept_type") == "measure"]

    def _translation_files(self, resource: Resource) -> list[tuple[str, Path]]:
        found = []
        for language in self.translations:
            path = self.root / "lang" / language / resource.relpath
            if path.is_file():
                found.append((language, path))
        return found

    # Entities ------------------------------------------------------------------------

    def entity_resources(self) -> list[Resource]:
        return [r for r in self.resources if len(r.key) == 1 and self.is_entity(r.key[0])]

    def datapoint_resources(self) -> list[Resource]:
        return [r for r in self.resources if len(r.key) > 1]

    def read_entities(self) -> dict[str, dict[str, Entity]]:
        """Entity set (or domain) → entity id → entity. An entity listed with `is--<set>` flags
        belongs to each flagged set; otherwise to the set or domain its file is keyed by."""
        result: dict[str, dict[str, Entity]] = {}
        for resource in self.entity_resources():
            key = resource.key[0]
            for number, row in read_csv(resource.path, label=resource.relpath):
                code = (row.get(key) or "").strip()
                if not code:
                    raise DdfError(f"{resource.relpath}, row {number}: no {key} id")
                flagged = [
                    column[4:]
                    for column, value in row.items()
                    if column and column.startswith("is--") and (value or "").strip().lower() in TRUE_VALUES
                ]
                attributes = {
                    column: (value or "").strip()
                    for column, value in row.items()
                    if column and column not in (key, "name") and not column.startswith("is--")
                }
                entity = Entity(
                    code=code,
                    name=(row.get("name") or "").strip(),
                    sets=flagged or [key],
                    attributes=attributes,
                )
                for entity_set in entity.sets:
                    existing = result.setdefault(entity_set, {}).get(code)
                    if existing is not None:
                        existing.attributes.update({k: v for k, v in attributes.items() if v})
                        existing.name = existing.name or entity.name
                    else:
                        result[entity_set][code] = entity
            for language, path in self._translation_files(resource):
                for _number, row in read_csv(path, label=str(path.relative_to(self.root))):
                    code = (row.get(key) or "").strip()
                    name = (row.get("name") or "").strip()
                    if not (code and name):
                        continue
                    for entities in result.values():
                        if code in entities:
                            entities[code].names[language] = name
        return result

    # Datapoints ----------------------------------------------------------------------

    def datapoint_rows(self, resource: Resource) -> Iterator[tuple[int, dict[str, str]]]:
        return read_csv(resource.path, label=resource.relpath)

    def resource_measures(self, resource: Resource) -> list[str]:
        """The measure columns of a datapoints resource (from its schema, else its header)."""
        columns = resource.fields
        if not columns:
            with resource.path.open(newline="", encoding="utf-8-sig") as handle:
                columns = next(csv.reader(handle), [])
        return [c for c in columns if c not in resource.key]

    # Checksum ------------------------------------------------------------------------

    def checksum(self, extra_files: list[Path] | None = None, extra: str = "") -> str:
        """SHA-256 over datapackage.json, every resource and translation, and `extra_files`."""
        digest = hashlib.sha256()
        paths = [self.manifest_path, *(r.path for r in self.resources)]
        for resource in self.resources:
            paths.extend(path for _language, path in self._translation_files(resource))
        paths.extend(extra_files or [])
        for path in paths:
            digest.update(
                str(path.relative_to(self.root) if path.is_relative_to(self.root) else path).encode()
            )
            with path.open("rb") as handle:
                while chunk := handle.read(1 << 20):
                    digest.update(chunk)
        digest.update(extra.encode())
        return digest.hexdigest()


def _licence_text(value: Any) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dict):
        return str(value.get("title") or value.get("name") or value.get("path") or "").strip()
    if isinstance(value, list):
        return "; ".join(filter(None, (_licence_text(v) for v in value)))
    return ""
