"""The shipped templates load and validate; a broken file is refused with a clear error and
nothing is loaded; reloading a new version never rewrites a run."""

import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from apps.processes.loader import LIBRARY_DIR, TemplateError, load_templates, read_directory
from apps.processes.models import ProcessRun, ProcessTemplate
from apps.processes.services import process_start
from tests.processes.conftest import TODAY

pytestmark = pytest.mark.django_db


def test_the_migration_loaded_the_library():
    keys = set(ProcessTemplate.objects.filter(hub__isnull=True).values_list("key", flat=True))
    assert {"stedskaping-6-6", "new-hub", "idea-follow-up", "sodertorn-dialogue"} <= keys


def test_all_four_templates_validate_with_their_phases(library):
    templates = {t["key"]: t for t in read_directory()}
    assert [p["key"] for p in templates["stedskaping-6-6"]["phases"]] == [
        "project-group",
        "input",
        "concepts-vote",
        "plan-permits",
        "financing",
        "realisation",
        "opening",
    ]
    assert [p["key"] for p in templates["new-hub"]["phases"]] == [
        "exploratory-meeting",
        "pre-project",
        "establishment",
    ]
    assert len(templates["idea-follow-up"]["phases"]) == 6
    assert len(templates["sodertorn-dialogue"]["phases"]) == 4
    for template in templates.values():
        assert set(template["name"]) == {"en", "nb", "sv"}
        for phase in template["phases"]:
            assert phase["activities"] and phase["deliverables"]
    assert library["stedskaping-6-6"].phases.count() == 7


def test_stedskaping_lasts_six_months_and_six_days(library):
    phases = list(library["stedskaping-6-6"].phases.order_by("position"))
    assert abs(sum(p.duration_days for p in phases) - 186) <= 3
    assert phases[5].key == "realisation" and phases[5].duration_days == 6


def test_new_hub_durations_follow_the_three_steps(library):
    exploratory, pre_project, establishment = library["new-hub"].phases.order_by("position")
    assert exploratory.duration_days == 1
    assert 90 <= pre_project.duration_days <= 122  # 3–4 months
    assert 180 <= establishment.duration_days <= 275  # 6–9 months
    names = [d.name["nb"] for d in establishment.deliverables.all()]
    assert "Signert samarbeidsavtale mellom oppstartspartnere" in names
    assert {"hub-area", "startup-partners", "shared-vision", "plan-next-phase", "decision-basis"} == set(
        pre_project.deliverables.values_list("key", flat=True)
    )


def _broken_copy(tmp_path: Path, mutate) -> Path:
    for path in LIBRARY_DIR.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    target = tmp_path / "stedskaping-6-6.yaml"
    target.write_text(mutate(target.read_text(encoding="utf-8")), encoding="utf-8")
    return tmp_path


def test_a_missing_field_is_refused_naming_file_and_field(tmp_path):
    ProcessTemplate.objects.all().delete()
    # The first deliverable of the third phase loses its kind.
    directory = _broken_copy(
        tmp_path,
        lambda text: text.replace(
            "      - key: concepts\n", "      - key: concepts\n        kind_: x\n", 1
        ).replace(
            "        kind: document\n        required: true\n      - key: vote-result",
            "        required: true\n      - key: vote-result",
            1,
        ),
    )
    with pytest.raises(TemplateError) as error:
        load_templates(directory)
    assert str(error.value) == "stedskaping-6-6.yaml: phases[2].deliverables[0]: 'kind' is missing"
    assert ProcessTemplate.objects.count() == 0  # nothing half loaded, not even the good files


def test_the_command_reports_a_broken_file_and_loads_nothing(tmp_path):
    ProcessTemplate.objects.all().delete()
    directory = _broken_copy(tmp_path, lambda text: text.replace("    duration_days: 42\n", "", 1))
    with pytest.raises(CommandError, match=r"stedskaping-6-6.yaml: phases\[1\]: 'duration_days' is missing"):
        call_command("load_process_templates", str(directory))
    assert ProcessTemplate.objects.count() == 0


@pytest.mark.parametrize(
    ("find", "replace", "message"),
    [
        ("version: 1\n", "", "stedskaping-6-6.yaml: 'version' is missing"),
        ("  sv: Platsskapande 6 + 6\n", "", "stedskaping-6-6.yaml: 'name.sv' is missing"),
        (
            "kind: check",
            "kind: poster",
            "stedskaping-6-6.yaml: phases[0].deliverables[1]: 'kind' must be one of",
        ),
        ("role: owner", "role: king", "stedskaping-6-6.yaml: phases[0].activities[0]: 'role' must be one of"),
        (
            "required: true",
            "required: maybe",
            "stedskaping-6-6.yaml: phases[0].deliverables[0]: 'required' must be",
        ),
    ],
)
def test_other_schema_errors(tmp_path, find, replace, message):
    directory = _broken_copy(tmp_path, lambda text: text.replace(find, replace, 1))
    with pytest.raises(TemplateError) as error:
        read_directory(directory)
    assert str(error.value).startswith(message)


def test_loading_twice_changes_nothing_and_a_new_version_does_not_touch_runs(
    tmp_path, library, initiative, stella
):
    assert set(load_templates().values()) == {"unchanged"}
    run = process_start(
        subject_initiative=initiative, template=library["stedskaping-6-6"], starts_on=TODAY, actor=stella
    )
    names_before = list(run.phases.values_list("name", flat=True))
    directory = _broken_copy(
        tmp_path,
        lambda text: text.replace("version: 1", "version: 2", 1).replace(
            'nb: "Prosjektgruppe etablert"', 'nb: "Prosjektgruppen er på plass"', 1
        ),
    )
    outcome = load_templates(directory)
    assert outcome["stedskaping-6-6"] == "updated"
    template = ProcessTemplate.objects.get(key="stedskaping-6-6", hub__isnull=True)
    assert template.version == 2
    assert template.phases.order_by("position").first().name["nb"] == "Prosjektgruppen er på plass"
    run = ProcessRun.objects.get(pk=run.pk)
    assert list(run.phases.values_list("name", flat=True)) == names_before
    assert run.template_version == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"key": "Bad Key"}, "x.yaml: 'key' must be lower-case letters, digits and hyphens"),
        ("just text", "x.yaml: must be a mapping"),
    ],
)
def test_the_typed_schema_names_what_is_wrong(data, message):
    from apps.processes.loader import validate

    with pytest.raises(TemplateError) as error:
        validate(data, "x.yaml")
    assert str(error.value).startswith(message)


def test_a_key_used_twice_and_a_bad_link_are_refused():
    from apps.processes.loader import validate

    phase = {
        "key": "one",
        "name": "One",
        "description": "The first",
        "duration_days": 3,
        "activities": [{"role": "team", "text": "Do it"}],
        "deliverables": [{"key": "d", "name": "D", "kind": "check", "required": True}],
    }
    base = {"key": "t", "version": 1, "name": {"en": "T", "nb": "T", "sv": "T"}, "description": "T"}
    with pytest.raises(TemplateError, match="the key 'one' is used twice"):
        validate({**base, "phases": [phase, phase]}, "x.yaml")
    bad_link = {**phase, "helpful_templates": [{"name": "Guide", "url": "ftp://example.org"}]}
    with pytest.raises(TemplateError) as error:
        validate({**base, "phases": [bad_link]}, "x.yaml")
    assert str(error.value) == "x.yaml: phases[0].helpful_templates[0]: 'url' must start with https://"
    done = validate({**base, "phases": [phase]}, "x.yaml")
    assert done["phases"][0]["deliverables"][0]["help"] == {} and done["name"]["en"] == "T"
