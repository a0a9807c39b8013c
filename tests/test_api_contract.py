"""The API keeps its own promise: on the living demo, every GET operation in the OpenAPI document
answers with a body that validates against the schema the document gives for it; and no two
schema classes share a name (one would silently stand for the other in the document)."""

import importlib
import json
import pkgutil
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from ninja import Schema
from openapi_schema_validator import OAS31Validator

import apps


def api_schema_classes() -> list[type]:
    for module_info in pkgutil.iter_modules(apps.__path__):
        try:
            importlib.import_module(f"apps.{module_info.name}.api")
        except ModuleNotFoundError:
            continue

    def walk(cls: type) -> Iterator[type]:
        for sub in cls.__subclasses__():
            if sub.__module__.startswith("apps."):
                yield sub
            yield from walk(sub)

    return list(dict.fromkeys(walk(Schema)))


def test_no_two_api_schemas_share_a_name():
    classes = api_schema_classes()
    assert len(classes) > 20
    by_name: dict[str, list[str]] = {}
    for cls in classes:
        by_name.setdefault(cls.__name__, []).append(cls.__module__)
    assert {name: modules for name, modules in by_name.items() if len(modules) > 1} == {}


def concrete_paths(template: str) -> list[str]:
    """Real addresses for a documented path, filled from the demo's data (both hubs)."""
    from apps.agreements.models import Agreement, AgreementVersion
    from apps.dialogues.models import Dialogue
    from apps.goals.models import HubGoal
    from apps.governance.models import Ballot, Meeting, Motion
    from apps.initiatives.models import Initiative
    from apps.knowledge.models import Indicator
    from apps.library.models import Entry
    from apps.mapinput.models import MapMark
    from apps.participation.models import Idea
    from apps.places.models import Area
    from apps.processes.models import ProcessTemplate
    from apps.surveys.models import ConceptVote, Survey
    from apps.visions.models import Vision
    from apps.volunteers.models import Shift

    filled: list[dict[str, Any]] = []
    hubs = ["oslo", "sodertorn"]
    if "{hub_slug}" not in template:
        filled = [{}]
        if "{number}" in template:
            filled = [{"number": 1}, {"number": 17}]
        if "{key}" in template:
            filled = [{"key": t.key} for t in ProcessTemplate.objects.filter(hub__isnull=True)[:3]]
    for slug in hubs if "{hub_slug}" in template else []:
        base = {"hub_slug": slug}
        if template.endswith("/areas/at"):
            point = label_point_of(slug)
            if point is not None:
                filled.append({**base, "_query": "?lon={}&lat={}".format(*point)})
        elif "/areas/{code}" in template:
            filled += [{**base, "code": a.code} for a in Area.objects.filter(hub__slug=slug)[:2]]
        elif "/goals/{code}" in template:
            filled += [{**base, "code": g.code} for g in HubGoal.objects.filter(hub__slug=slug)[:2]]
        elif "/indicators/{code}" in template:
            filled += [{**base, "code": i.code} for i in Indicator.objects.filter(hub__slug=slug)[:2]]
        elif "{initiative_slug}" in template:
            initiatives = Initiative.objects.filter(hub__slug=slug)[:3]
            filled += [{**base, "initiative_slug": i.slug} for i in initiatives]
        elif "{space}" in template:
            keys = {item.space.key for item in Idea.objects.filter(hub__slug=slug)[:3]}
            keys |= {item.space.key for item in Survey.objects.filter(hub__slug=slug)[:2]}
            keys |= {item.space.key for item in MapMark.objects.filter(hub__slug=slug)[:2]}
            filled += [{**base, "space": key} for key in sorted(keys)]
        elif "{idea_id}" in template:
            filled += [{**base, "idea_id": i.pk} for i in Idea.objects.filter(hub__slug=slug)[:3]]
        elif "{survey_id}" in template:
            filled += [{**base, "survey_id": s.pk} for s in Survey.objects.filter(hub__slug=slug)[:3]]
        elif "{vote_id}" in template:
            filled += [{**base, "vote_id": v.pk} for v in ConceptVote.objects.filter(hub__slug=slug)[:3]]
        elif "{vision_id}" in template:
            filled += [{**base, "vision_id": v.pk} for v in Vision.objects.filter(hub__slug=slug)[:3]]
        elif "{agreement_id}" in template:
            filled += [{**base, "agreement_id": a.pk} for a in Agreement.objects.filter(hub__slug=slug)[:2]]
        elif template.endswith("/agreements/verify"):
            versions = AgreementVersion.objects.filter(agreement__hub__slug=slug)[:1]
            filled += [{**base, "_query": f"?sha256={v.sha256}"} for v in versions]
            filled.append({**base, "_query": "?sha256=" + "0" * 64})
        elif "{meeting_id}" in template:
            filled += [{**base, "meeting_id": m.pk} for m in Meeting.objects.filter(hub__slug=slug)[:2]]
        elif "{motion_id}" in template:
            filled += [
                {**base, "motion_id": m.pk} for m in Motion.objects.filter(meeting__hub__slug=slug)[:2]
            ]
        elif "{ballot_id}" in template:
            filled += [
                {**base, "ballot_id": b.pk} for b in Ballot.objects.filter(meeting__hub__slug=slug)[:3]
            ]
        elif "{shift_id}" in template:
            filled += [
                {**base, "shift_id": s.pk} for s in Shift.objects.filter(initiative__hub__slug=slug)[:2]
            ]
        elif "{entry_id}" in template:
            entries = Entry.objects.filter(hub__slug=slug, status="published")[:2]
            filled += [{**base, "entry_id": e.pk} for e in entries]
        elif "{dialogue_id}" in template:
            published = Dialogue.objects.filter(hub__slug=slug, is_public=True)[:2]
            filled += [{**base, "dialogue_id": d.pk} for d in published]
        else:
            filled.append(base)
    paths = []
    for values in filled:
        path = template
        query = values.pop("_query", "")
        for name, value in values.items():
            path = path.replace("{" + name + "}", str(value))
        paths.append(path + query)
    return paths


def label_point_of(slug: str) -> tuple[float, float] | None:
    """A point inside one of the hub's areas, if it has areas drawn."""
    from apps.places.geometry import label_point
    from apps.places.models import Area

    area = Area.objects.filter(hub__slug=slug, geometry__isnull=False).order_by("pk").first()
    return None if area is None else label_point(area.geometry)


def documented_schema(spec: dict[str, Any], operation: dict[str, Any]) -> dict[str, Any] | None:
    content = operation.get("responses", {}).get("200", {}).get("content", {})
    body = content.get("application/json", {}).get("schema")
    return None if body is None else {**body, "components": spec["components"]}


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_every_get_operation_answers_as_its_openapi_document_says():
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    from apps.accounts.models import User

    # Each hub's steward, who may see everything in their own hub (results of closed surveys …).
    clients = {}
    for slug in ("oslo", "sodertorn"):
        clients[slug] = Client()
        clients[slug].force_login(User.objects.get(email=f"steward@{slug}.demo"))
    spec = clients["oslo"].get("/api/v1/openapi.json").json()

    checked: list[str] = []
    problems: list[str] = []
    for template, operations in spec["paths"].items():
        operation = operations.get("get")
        if operation is None:
            continue
        schema = documented_schema(spec, operation)
        paths = concrete_paths(template)
        assert paths, f"the demo has no data to call {template}"
        for path in paths:
            hub = "sodertorn" if path.startswith("/api/v1/hubs/sodertorn/") else "oslo"
            response = clients[hub].get(path)
            if response.status_code != 200:
                problems.append(f"{path} answered {response.status_code}")
                continue
            if schema is None:
                continue  # GeoJSON, iCalendar and CSV bodies are documented by their media type
            errors = sorted(OAS31Validator(schema).iter_errors(json.loads(response.content)), key=str)
            problems += [f"{path}: {error.json_path}: {error.message}" for error in errors[:3]]
            checked.append(path)

    assert problems == [], "\n".join(problems)
    assert len(checked) > 30
