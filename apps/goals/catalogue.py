"""Load the UN catalogue (17 goals, 169 targets, their indicators) from `data/sdg`.

The data is open-sdg/sdg-translations (MIT, see data/sdg/LICENSE): one directory per language
(`en/`, `nb_NO/`, `sv/`), each with `global_goals.yml` (`11-title`, `11-short`), `global_targets.yml`
(`11-7-title`) and `global_indicators.yml` (`11-7-1-title`). English is required; Norwegian
and Swedish titles are added where present. The upstream data has no Swedish: `sv/` is the
Allmenning project's own translation, and `nb_NO/` carries local corrections (data/sdg/README.md).
Each language directory may have a `source.yml` saying where its text comes from
(`translation_source`), which the goal pages show to readers of that language.

`load_catalogue` is idempotent: it creates what is missing and updates changed titles in
place, never deleting (local targets and tags hang off the catalogue). It runs in the data
migration `0002_load_sdg_catalogue` with the historical models, and from `manage.py load_sdg`.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from django.apps import apps as global_apps
from django.conf import settings
from django.db import transaction
from django.utils.translation import get_language

KEY = re.compile(r"^(?P<code>\d{1,2}(?:-[0-9a-z]{1,2}){0,2})-(?P<field>title|short)$")
FILES = ("global_goals.yml", "global_targets.yml", "global_indicators.yml")
LANGUAGES = {"en": "en", "nb": "nb_NO", "sv": "sv"}
TRANSLATED = tuple(language for language in LANGUAGES if language != "en")


TITLES = tuple(f"title_{language}" for language in TRANSLATED)
SHORTS = tuple(f"short_{language}" for language in TRANSLATED)


def default_path() -> Path:
    return Path(settings.BASE_DIR) / "data" / "sdg"


@dataclass
class Summary:
    created: dict[str, int] = field(default_factory=lambda: {"goals": 0, "targets": 0, "indicators": 0})
    updated: dict[str, int] = field(default_factory=lambda: {"goals": 0, "targets": 0, "indicators": 0})
    total: dict[str, int] = field(default_factory=lambda: {"goals": 0, "targets": 0, "indicators": 0})

    def __str__(self) -> str:
        return "; ".join(
            f"{kind}: {self.total[kind]} ({self.created[kind]} new, {self.updated[kind]} updated)"
            for kind in ("goals", "targets", "indicators")
        )


def _position(part: str) -> int:
    return int(part) if part.isdigit() else 100 + ord(part[0]) - ord("a")


def read_catalogue(path: Path | str | None = None) -> dict[str, dict[str, str]]:
    """{"11": {"title_en": …, "title_nb": …, "short_en": …}, "11.7": {…}, "11.7.1": {…}}."""
    root = Path(path) if path else default_path()
    if not (root / "en").is_dir():
        raise FileNotFoundError(f"No English catalogue at {root / 'en'}")
    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    entries: dict[str, dict[str, str]] = {}
    for language, directory in LANGUAGES.items():
        for name in FILES:
            file = root / directory / name
            if not file.exists():
                if language == "en":
                    raise FileNotFoundError(f"Missing {file}")
                continue
            with file.open(encoding="utf-8") as handle:
                data = yaml.load(handle, Loader=loader) or {}  # noqa: S506 - a safe loader # nosec B506
            for key, value in data.items():
                match = KEY.match(str(key))
                if not match or value is None:
                    continue
                code = match["code"].replace("-", ".")
                text = " ".join(str(value).split())
                if language != "en" and code not in entries:
                    continue  # a translation of something the English data does not have
                entries.setdefault(code, {})[f"{match['field']}_{language}"] = text
    return entries


@transaction.atomic
def load_catalogue(path: Path | str | None = None, *, apps: Any = None) -> Summary:
    """Create or update the catalogue; `apps` is the migration's app registry (or the live one)."""
    registry = apps or global_apps
    goal_model = registry.get_model("goals", "SdgGoal")
    target_model = registry.get_model("goals", "SdgTarget")
    indicator_model = registry.get_model("goals", "SdgIndicator")
    entries = read_catalogue(path)
    summary = Summary()

    def sync(kind: str, model: Any, key: str, rows: dict[Any, dict[str, Any]]) -> None:
        existing = {getattr(obj, key): obj for obj in model.objects.all()}
        # An older migration state may lack a language's columns: leave those to a later one.
        known = {f.attname for f in model._meta.concrete_fields}
        rows = {ident: {k: v for k, v in values.items() if k in known} for ident, values in rows.items()}
        create, update, changed_fields = [], [], set()
        for ident, values in rows.items():
            obj = existing.get(ident)
            if obj is None:
                create.append(model(**{key: ident}, **values))
                continue
            changed = [name for name, value in values.items() if getattr(obj, name) != value]
            if changed:
                for name in changed:
                    setattr(obj, name, values[name])
                changed_fields.update(changed)
                update.append(obj)
        model.objects.bulk_create(create, batch_size=500)
        if update:
            model.objects.bulk_update(update, sorted(changed_fields), batch_size=500)
        summary.created[kind] = len(create)
        summary.updated[kind] = len(update)
        summary.total[kind] = len(rows)

    def titles(values: dict[str, str]) -> dict[str, str]:
        # A language missing from the data leaves the stored titles in that language alone.
        return {name: values[name] for name in ("title_en", *TITLES) if name in values}

    goals = {
        int(code): {**titles(v), **{name: v[name] for name in ("short_en", *SHORTS) if name in v}}
        for code, v in entries.items()
        if "." not in code
    }
    sync("goals", goal_model, "number", goals)

    targets = {
        code: {**titles(v), "goal_id": int(code.split(".")[0]), "position": _position(code.split(".")[1])}
        for code, v in entries.items()
        if code.count(".") == 1 and int(code.split(".")[0]) in goals
    }
    sync("targets", target_model, "code", targets)

    target_ids = dict(target_model.objects.values_list("code", "pk"))
    indicators = {
        code: {
            **titles(v),
            "target_id": target_ids[code.rsplit(".", 1)[0]],
            "position": _position(code.split(".")[2]),
        }
        for code, v in entries.items()
        if code.count(".") == 2 and code.rsplit(".", 1)[0] in target_ids
    }
    sync("indicators", indicator_model, "code", indicators)
    return summary


@lru_cache(maxsize=8)
def _sources(root: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for language, directory in LANGUAGES.items():
        file = Path(root) / directory / "source.yml"
        if file.exists():
            data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
            text = " ".join(str(data.get("translation_source") or "").split())
            if text:
                out[language] = text
    return out


def translation_source(language: str | None = None) -> str:
    """Where the catalogue's text in `language` (default: the reader's) comes from, in that
    language, e.g. "Svensk översättning av projektet Allmenning; …"; "" when not stated."""
    code = (language or get_language() or "en")[:2]
    return _sources(str(default_path())).get(code, "")
