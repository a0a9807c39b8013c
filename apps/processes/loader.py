"""Read, validate and load the process templates in `apps/processes/library/*.yaml`.

The schema is written out plainly below (a small JSON-Schema-like check in Python). A file
with a missing or wrong field is refused with an error that names the file and the field,
e.g. "stedskaping-6-6.yaml: phases[2].deliverables[0]: 'kind' is missing"; when any file is
refused, nothing is loaded.

`load_templates()` is used by `manage.py load_process_templates` and by a data migration. It
creates or updates the library templates (source "library"); a template whose file has a new
version gets its phases replaced. Runs copied everything they need when they started, so
reloading never changes a run.
"""

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

LIBRARY_DIR = Path(__file__).resolve().parent / "library"
KINDS = ("document", "link", "check", "object")
ROLES = ("owner", "team", "steward", "network_lead", "partners", "residents", "municipality", "everyone")
KEY_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class TemplateError(ValueError):
    """A template file that does not follow the schema."""


@dataclass
class _Check:
    filename: str

    def fail(self, path: str, message: str) -> None:
        where = f"{path}: " if path else ""
        raise TemplateError(f"{self.filename}: {where}{message}")

    def mapping(self, value: Any, path: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(path, "must be a mapping")
        return value

    def field(self, data: dict[str, Any], name: str, path: str, required: bool = True) -> Any:
        if name not in data or data[name] is None:
            if required:
                self.fail(path, f"'{name}' is missing")
            return None
        return data[name]

    def key(self, data: dict[str, Any], path: str) -> str:
        value = self.field(data, "key", path)
        if not isinstance(value, str) or not KEY_RE.match(value):
            self.fail(path, "'key' must be lower-case letters, digits and hyphens")
        return value

    def text(self, data: dict[str, Any], name: str, path: str, required: bool = True) -> dict[str, str]:
        """A translated text: a string, or a mapping of language code to string with 'en'."""
        value = self.field(data, name, path, required)
        if value is None:
            return {}
        if isinstance(value, str):
            if required and not value.strip():
                self.fail(path, f"'{name}' is empty")
            return {"en": value.strip()}
        if not isinstance(value, dict):
            self.fail(path, f"'{name}' must be a text or a mapping of language to text")
        for language, text in value.items():
            if language not in ("en", "nb", "sv"):
                self.fail(path, f"'{name}' has an unknown language '{language}'")
            if not isinstance(text, str):
                self.fail(path, f"'{name}.{language}' must be a text")
        if "en" not in value:
            self.fail(path, f"'{name}.en' is missing")
        return {language: text.strip() for language, text in value.items()}

    def integer(self, data: dict[str, Any], name: str, path: str, minimum: int) -> int:
        value = self.field(data, name, path)
        if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
            self.fail(path, f"'{name}' must be a whole number of at least {minimum}")
        return value

    def items(self, data: dict[str, Any], name: str, path: str, required: bool = True) -> list[Any]:
        value = self.field(data, name, path, required)
        if value is None:
            return []
        if not isinstance(value, list) or (required and not value):
            self.fail(path, f"'{name}' must be a non-empty list")
        return value


def validate(data: Any, filename: str) -> dict[str, Any]:
    """Check one template against the schema; return it in a normal form (every field present)."""
    check = _Check(filename)
    data = check.mapping(data, "")
    template: dict[str, Any] = {
        "key": check.key(data, ""),
        "version": check.integer(data, "version", "", minimum=1),
        "name": check.text(data, "name", ""),
        "description": check.text(data, "description", ""),
        "phases": [],
    }
    for language in ("nb", "sv"):
        if language not in template["name"]:
            check.fail("", f"'name.{language}' is missing")
    phase_keys: set[str] = set()
    for i, raw_phase in enumerate(check.items(data, "phases", "")):
        path = f"phases[{i}]"
        phase = check.mapping(raw_phase, path)
        key = check.key(phase, path)
        if key in phase_keys:
            check.fail(path, f"the key '{key}' is used twice")
        phase_keys.add(key)
        out: dict[str, Any] = {
            "key": key,
            "name": check.text(phase, "name", path),
            "description": check.text(phase, "description", path),
            "duration_days": check.integer(phase, "duration_days", path, minimum=1),
            "activities": [],
            "deliverables": [],
            "helpful_templates": [],
        }
        for j, raw in enumerate(check.items(phase, "activities", path)):
            apath = f"{path}.activities[{j}]"
            activity = check.mapping(raw, apath)
            role = check.field(activity, "role", apath)
            if role not in ROLES:
                check.fail(apath, f"'role' must be one of {', '.join(ROLES)}")
            out["activities"].append({"role": role, "text": check.text(activity, "text", apath)})
        deliverable_keys: set[str] = set()
        for j, raw in enumerate(check.items(phase, "deliverables", path)):
            dpath = f"{path}.deliverables[{j}]"
            deliverable = check.mapping(raw, dpath)
            dkey = check.key(deliverable, dpath)
            if dkey in deliverable_keys:
                check.fail(dpath, f"the key '{dkey}' is used twice")
            deliverable_keys.add(dkey)
            kind = check.field(deliverable, "kind", dpath)
            if kind not in KINDS:
                check.fail(dpath, f"'kind' must be one of {', '.join(KINDS)}")
            required = check.field(deliverable, "required", dpath)
            if not isinstance(required, bool):
                check.fail(dpath, "'required' must be true or false")
            out["deliverables"].append(
                {
                    "key": dkey,
                    "name": check.text(deliverable, "name", dpath),
                    "kind": kind,
                    "required": required,
                    "help": check.text(deliverable, "help", dpath, required=False),
                }
            )
        for j, raw in enumerate(check.items(phase, "helpful_templates", path, required=False)):
            hpath = f"{path}.helpful_templates[{j}]"
            helpful = check.mapping(raw, hpath)
            url = check.field(helpful, "url", hpath, required=False) or ""
            if url and not (isinstance(url, str) and url.startswith(("https://", "http://"))):
                check.fail(hpath, "'url' must start with https://")
            description = check.text(helpful, "description", hpath, required=False)
            if not description and not url:
                check.fail(hpath, "'description' or 'url' is missing")
            out["helpful_templates"].append(
                {"name": check.text(helpful, "name", hpath), "description": description, "url": url}
            )
        template["phases"].append(out)
    return template


def read_directory(directory: Path | str | None = None) -> list[dict[str, Any]]:
    """Read and validate every `*.yaml` in `directory`; raise TemplateError at the first bad file."""
    directory = Path(directory) if directory else LIBRARY_DIR
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise TemplateError(f"{directory}: no *.yaml template files")
    templates, keys = [], set()
    for path in files:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise TemplateError(f"{path.name}: not valid YAML ({exc})") from exc
        template = validate(data, path.name)
        if template["key"] in keys:
            raise TemplateError(f"{path.name}: the key '{template['key']}' is used by another file")
        keys.add(template["key"])
        templates.append(template)
    return templates


def _models(apps: Any = None) -> tuple[Any, Any, Any, Any]:
    if apps is None:
        from apps.processes import models

        return (
            models.ProcessTemplate,
            models.PhaseTemplate,
            models.ActivityTemplate,
            models.DeliverableTemplate,
        )
    return (
        apps.get_model("processes", "ProcessTemplate"),
        apps.get_model("processes", "PhaseTemplate"),
        apps.get_model("processes", "ActivityTemplate"),
        apps.get_model("processes", "DeliverableTemplate"),
    )


def write_phases(template: Any, phases: list[dict[str, Any]], apps: Any = None) -> None:
    """Create the phases, activities and deliverables of `template` from normal-form data."""
    _, Phase, Activity, DeliverableT = _models(apps)
    for position, data in enumerate(phases):
        phase = Phase.objects.create(
            template=template,
            position=position,
            key=data["key"],
            name=data["name"],
            description=data["description"],
            duration_days=data["duration_days"],
            helpful_templates=data["helpful_templates"],
        )
        Activity.objects.bulk_create(
            Activity(phase=phase, position=n, role=a["role"], text=a["text"])
            for n, a in enumerate(data["activities"])
        )
        DeliverableT.objects.bulk_create(
            DeliverableT(
                phase=phase,
                position=n,
                key=d["key"],
                name=d["name"],
                kind=d["kind"],
                required=d["required"],
                help=d["help"],
            )
            for n, d in enumerate(data["deliverables"])
        )


def load_templates(directory: Path | str | None = None, *, apps: Any = None) -> dict[str, str]:
    """Load every template file into the library. Returns {key: "created" | "updated" | "unchanged"}.

    Validates every file first, then writes all of them in one transaction: nothing half loaded.
    """
    templates = read_directory(directory)
    Template = _models(apps)[0]
    outcome: dict[str, str] = {}
    with transaction.atomic():
        for data in templates:
            existing = Template.objects.filter(key=data["key"], hub__isnull=True).first()
            if existing is not None and existing.version >= data["version"] and existing.phases.exists():
                outcome[data["key"]] = "unchanged"
                continue
            if existing is None:
                existing = Template(key=data["key"], hub=None, source="library")
                outcome[data["key"]] = "created"
            else:
                existing.phases.all().delete()
                outcome[data["key"]] = "updated"
            existing.version = data["version"]
            existing.name = data["name"]
            existing.description = data["description"]
            existing.save()
            write_phases(existing, data["phases"], apps)
    return outcome
