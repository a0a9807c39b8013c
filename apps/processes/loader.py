"""Read, validate and load the process templates in `apps/processes/library/*.yaml`.

The schema is a set of typed models (pydantic) below. A file
with a missing or wrong field is refused with an error that names the file and the field,
e.g. "stedskaping-6-6.yaml: phases[2].deliverables[0]: 'kind' is missing"; when any file is
refused, nothing is loaded.

`load_templates()` is used by `manage.py load_process_templates` and by a data migration. It
creates or updates the library templates (source "library"); a template whose file has a new
version gets its phases replaced. Runs copied everything they need when they started, so
reloading never changes a run.
"""

from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from django.db import transaction
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    StringConstraints,
    ValidationError,
    model_validator,
)

LIBRARY_DIR = Path(__file__).resolve().parent / "library"
KINDS = ("document", "link", "check", "object")
ROLES = ("owner", "team", "steward", "network_lead", "partners", "residents", "municipality", "everyone")
KEY_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


class TemplateError(ValueError):
    """A template file that does not follow the schema."""


# The schema, as typed models (pydantic). A translated text is a string (English) or a mapping
# of language code to string that has "en"; unknown fields are ignored.


def _as_translations(value: Any) -> Any:
    return {"en": value} if isinstance(value, str) else value


def _stripped(texts: dict[str, str]) -> dict[str, str]:
    return {language: text.strip() for language, text in texts.items()}


def _with_english(texts: dict[str, str]) -> dict[str, str]:
    if "en" not in texts:
        raise ValueError("'en' is missing")
    return texts


def _not_empty(texts: dict[str, str]) -> dict[str, str]:
    if not texts.get("en"):
        raise ValueError("it is empty")
    return texts


Translations = dict[Literal["en", "nb", "sv"], StrictStr]
Text = Annotated[
    Translations,
    BeforeValidator(_as_translations),
    AfterValidator(_stripped),
    AfterValidator(_with_english),
    AfterValidator(_not_empty),
]
OptionalText = Annotated[
    Translations, BeforeValidator(_as_translations), AfterValidator(_stripped), AfterValidator(_with_english)
]
Key = Annotated[StrictStr, StringConstraints(pattern=KEY_PATTERN)]
Days = Annotated[StrictInt, Field(ge=1)]


def _unique_keys(items: Iterable[Any], what: str) -> None:
    seen: set[str] = set()
    for item in items:
        if item.key in seen:
            raise ValueError(f"the key '{item.key}' is used twice in {what}")
        seen.add(item.key)


class _Schema(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class Activity(_Schema):
    role: Literal[ROLES]  # type: ignore[valid-type]
    text: Text


class Deliverable(_Schema):
    key: Key
    name: Text
    kind: Literal[KINDS]  # type: ignore[valid-type]
    required: StrictBool
    help: OptionalText = Field(default_factory=dict)


class HelpfulTemplate(_Schema):
    name: Text
    description: OptionalText = Field(default_factory=dict)
    url: Annotated[StrictStr, StringConstraints(pattern=r"^https?://")] = ""

    @model_validator(mode="after")
    def _says_something(self) -> "HelpfulTemplate":
        if not self.description and not self.url:
            raise ValueError("'description' or 'url' is missing")
        return self


class Phase(_Schema):
    key: Key
    name: Text
    description: Text
    duration_days: Days
    activities: Annotated[list[Activity], Field(min_length=1)]
    deliverables: Annotated[list[Deliverable], Field(min_length=1)]
    helpful_templates: list[HelpfulTemplate] = Field(default_factory=list)

    @model_validator(mode="after")
    def _keys(self) -> "Phase":
        _unique_keys(self.deliverables, "the deliverables")
        return self


class ProcessTemplateFile(_Schema):
    key: Key
    version: Days
    name: Text
    description: Text
    phases: Annotated[list[Phase], Field(min_length=1)]

    @model_validator(mode="after")
    def _complete(self) -> "ProcessTemplateFile":
        for language in ("nb", "sv"):
            if language not in self.name:
                raise ValueError(f"'name.{language}' is missing")
        _unique_keys(self.phases, "the phases")
        return self


def _where_and_what(loc: tuple[Any, ...]) -> tuple[str, str]:
    """("phases", 2, "deliverables", 0, "kind") -> ("phases[2].deliverables[0]", "kind")."""
    last_index = max((i for i, part in enumerate(loc) if isinstance(part, int)), default=-1)
    where = ""
    for part in loc[: last_index + 1]:
        where += f"[{part}]" if isinstance(part, int) else (f".{part}" if where else str(part))
    return where, ".".join(str(part) for part in loc[last_index + 1 :])


def _message(error: Any) -> tuple[str, str]:
    where, what = _where_and_what(tuple(error["loc"]))
    kind, field = error["type"], f"'{what}'"
    if kind == "missing":
        return where, f"{field} is missing"
    if kind == "literal_error":
        return where, f"{field} must be one of {error['ctx']['expected']}"
    if kind in ("bool_type", "bool_parsing"):
        return where, f"{field} must be true or false"
    if kind in ("int_type", "greater_than_equal", "int_parsing"):
        return where, f"{field} must be a whole number of at least 1"
    if kind == "string_pattern_mismatch":
        if what == "url":
            return where, "'url' must start with https://"
        return where, f"{field} must be lower-case letters, digits and hyphens"
    if kind in ("list_type", "too_short"):
        return where, f"{field} must be a non-empty list"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return where, f"{field} must be a mapping" if what else "must be a mapping"
    if kind == "string_type":
        return where, f"{field} must be a text"
    if kind == "value_error":
        text = str(error["ctx"]["error"])
        if what and text == "it is empty":
            return where, f"{field} is empty"
        if what and text == "'en' is missing":
            return where, f"'{what}.en' is missing"
        return (where if not what else f"{where}.{what}".lstrip(".")), text
    return where, f"{field}: {error['msg']}"


def validate(data: Any, filename: str) -> dict[str, Any]:
    """Check one template against the schema; return it in a normal form (every field present).
    The first error names the file, where in it and what is wrong, e.g.
    "stedskaping-6-6.yaml: phases[2].deliverables[0]: 'kind' is missing"."""
    try:
        template = ProcessTemplateFile.model_validate(data)
    except ValidationError as exc:
        where, message = _message(exc.errors(include_url=False)[0])
        raise TemplateError(f"{filename}: {where + ': ' if where else ''}{message}") from None
    return template.model_dump()


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
