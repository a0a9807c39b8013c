"""Copying templates, starting runs with real dates, completing deliverables, and the gate."""

import datetime
import itertools

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.processes import services
from apps.processes.models import Deliverable, PhaseRun, ProcessRun, ProcessTemplate
from tests import files
from tests.factories import WorkingGroupFactory
from tests.processes.conftest import TODAY, code_of, finish_required, make_initiative, phase

pytestmark = pytest.mark.django_db


def pdf(name="plan.pdf", size=None):
    return files.pdf(name, padding=size or 10)


# Copying and editing templates -----------------------------------------------------------


def test_a_steward_copies_a_library_template_for_the_hub(library, oslo, stella):
    copy = services.template_copy(template=library["stedskaping-6-6"], hub=oslo, actor=stella)
    assert (copy.hub, copy.source, copy.copied_from, copy.key) == (
        oslo,
        "hub",
        library["stedskaping-6-6"],
        "stedskaping-6-6",
    )
    assert copy.phases.count() == 7
    assert sum(p.deliverables.count() for p in copy.phases.all()) == sum(
        p.deliverables.count() for p in library["stedskaping-6-6"].phases.all()
    )
    second = services.template_copy(template=library["stedskaping-6-6"], hub=oslo, actor=stella)
    assert second.key == "stedskaping-6-6-2"


def test_the_network_lead_may_copy_a_member_may_not(library, oslo, nora, mia, sven):
    assert services.template_copy(template=library["new-hub"], hub=oslo, actor=nora).hub == oslo
    for person in (mia, sven):
        with pytest.raises(PermissionDenied):
            services.template_copy(template=library["new-hub"], hub=oslo, actor=person)


def test_editing_a_copy_adds_removes_and_reorders(library, oslo, stella):
    copy = services.template_copy(template=library["idea-follow-up"], hub=oslo, actor=stella)
    first, second = list(copy.phases.order_by("position"))[:2]
    added = services.phase_template_save(
        template=copy,
        actor=stella,
        name="Site visit",
        description="Go and look",
        duration_days=2,
        language="en",
    )
    assert added.position == 6 and added.key == "site-visit"
    services.template_item_move(item=second, actor=stella, direction="up")
    assert [p.pk for p in copy.phases.order_by("position")][:2] == [second.pk, first.pk]
    services.activity_template_add(
        phase=added, actor=stella, role="team", text="Walk the site", language="en"
    )
    deliverable = services.deliverable_template_add(
        phase=added, actor=stella, name="Photos", kind="document", required=False, language="en"
    )
    assert deliverable.key == "photos"
    services.template_item_delete(item=deliverable, actor=stella)
    services.template_item_delete(item=first, actor=stella)
    assert copy.phases.count() == 6
    copy.refresh_from_db()
    assert copy.version > 1
    # The library stays as it was.
    assert library["idea-follow-up"].phases.count() == 6


def test_library_templates_cannot_be_edited(library, stella):
    with pytest.raises(PermissionDenied):
        services.template_item_delete(item=library["new-hub"].phases.first(), actor=stella)


def test_editing_a_phase_name_keeps_other_languages(library, oslo, stella):
    copy = services.template_copy(template=library["new-hub"], hub=oslo, actor=stella)
    phase_template = copy.phases.order_by("position").first()
    services.phase_template_save(
        template=copy,
        actor=stella,
        phase=phase_template,
        name="Sonderingsmøtet",
        description="",
        duration_days=1,
        language="nb",
    )
    phase_template.refresh_from_db()
    assert phase_template.name["nb"] == "Sonderingsmøtet"
    assert phase_template.name["en"] == "Exploratory meeting"


# Starting a run ---------------------------------------------------------------------------


def test_a_run_copies_phases_with_real_dates(run, library):
    phases = list(run.phases.order_by("position"))
    assert [p.status for p in phases] == ["current"] + ["upcoming"] * 6
    assert phases[0].starts_on == TODAY
    assert phases[0].due_on == TODAY + datetime.timedelta(days=13)  # 14 days, inclusive
    for earlier, later in itertools.pairwise(phases):
        assert later.starts_on == earlier.due_on + datetime.timedelta(days=1)
    assert phases[-1].due_on == TODAY + datetime.timedelta(days=185)
    assert phases[0].name == "Prosjektgruppe etablert"  # Oslo's first language is nb
    assert phases[0].activities.count() == 3
    assert (
        run.template_key == "stedskaping-6-6" and run.template_version == library["stedskaping-6-6"].version
    )


def test_editing_the_template_afterwards_does_not_rewrite_the_run(run, library, oslo, stella):
    library["stedskaping-6-6"].phases.all().delete()
    assert run.phases.count() == 7
    assert Deliverable.objects.filter(phase_run__run=run).count() > 0


def test_one_run_per_initiative(run, initiative, library, stella):
    with pytest.raises(ValidationError) as error:
        services.process_start(
            subject_initiative=initiative, template=library["idea-follow-up"], starts_on=TODAY, actor=stella
        )
    assert code_of(error.value) == "duplicate"


def test_who_may_start(initiative, library, olga, mia, sven, oslo, stella):
    for person in (mia, sven):
        with pytest.raises(PermissionDenied):
            services.process_start(
                subject_initiative=initiative,
                template=library["stedskaping-6-6"],
                starts_on=TODAY,
                actor=person,
            )
    run = services.process_start(
        subject_initiative=initiative, template=library["stedskaping-6-6"], starts_on=TODAY, actor=olga
    )
    assert run.initiative == initiative
    with pytest.raises(PermissionDenied):
        services.process_start(hub=oslo, template=library["new-hub"], starts_on=TODAY, actor=olga)
    hub_run = services.process_start(hub=oslo, template=library["new-hub"], starts_on=TODAY, actor=stella)
    assert hub_run.is_establishment and hub_run.phases.count() == 3


def test_another_hubs_copy_cannot_be_used(library, sodertorn, sven, initiative, olga):
    copy = services.template_copy(template=library["stedskaping-6-6"], hub=sodertorn, actor=sven)
    with pytest.raises(ValidationError):
        services.process_start(subject_initiative=initiative, template=copy, starts_on=TODAY, actor=olga)


# Deliverables -----------------------------------------------------------------------------


def test_completing_each_kind(run, olga):
    first = phase(run, 0)
    document = first.deliverables.get(key="group-list")
    check = first.deliverables.get(key="landowner-contact")
    with pytest.raises(ValidationError) as error:
        services.deliverable_complete(deliverable=document, actor=olga)
    assert code_of(error.value) == "file_required"
    services.deliverable_complete(deliverable=document, actor=olga, file=pdf())
    services.deliverable_complete(deliverable=check, actor=olga)
    document.refresh_from_db()
    check.refresh_from_db()
    assert document.done and document.file.name.endswith(".pdf") and document.done_by == olga
    assert check.done and check.done_at is not None
    services.deliverable_complete(deliverable=check, actor=olga, checked=False)
    check.refresh_from_db()
    assert not check.done and check.done_at is None
    link = phase(run, 2).deliverables.get(key="vote-result")
    with pytest.raises(ValidationError):
        services.deliverable_complete(deliverable=link, actor=olga, url="not a url")
    services.deliverable_complete(deliverable=link, actor=olga, url="https://example.org/vote")
    link.refresh_from_db()
    assert link.done and link.url == "https://example.org/vote"


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("virus.exe", b"MZ....", "file_type"),
        ("page.html", b"<html>", "file_type"),
        ("fake.pdf", b"<html>not a pdf", "file_type"),
    ],
)
def test_wrong_file_types_are_refused(run, olga, name, content, code):
    document = phase(run, 0).deliverables.get(key="group-list")
    with pytest.raises(ValidationError) as error:
        services.deliverable_complete(
            deliverable=document, actor=olga, file=SimpleUploadedFile(name, content)
        )
    assert code_of(error.value) == code
    document.refresh_from_db()
    assert not document.done and not document.file


def test_oversized_files_are_refused(run, olga, settings):
    settings.MAX_UPLOAD_SIZE = 1024
    document = phase(run, 0).deliverables.get(key="group-list")
    with pytest.raises(ValidationError) as error:
        services.deliverable_complete(deliverable=document, actor=olga, file=pdf(size=2048))
    assert code_of(error.value) == "file_size"


def test_images_and_office_documents_are_accepted(run, olga):
    document = phase(run, 0).deliverables.get(key="group-list")
    services.deliverable_complete(
        deliverable=document, actor=olga, file=SimpleUploadedFile("group.png", files.png_bytes())
    )
    document.refresh_from_db()
    assert document.file.name.endswith(".png")
    services.deliverable_complete(
        deliverable=document, actor=olga, file=SimpleUploadedFile("group.docx", files.docx_bytes())
    )
    document.refresh_from_db()
    assert document.file.name.endswith(".docx")


def test_linked_object_must_belong_to_the_same_hub(run, olga, oslo, sodertorn):
    idea_day = phase(run, 1).deliverables.get(key="idea-day")
    other = WorkingGroupFactory(hub=sodertorn)
    with pytest.raises(ValidationError) as error:
        services.deliverable_complete(deliverable=idea_day, actor=olga, linked_object=other)
    assert code_of(error.value) == "object_hub"
    own = WorkingGroupFactory(hub=oslo)
    services.deliverable_complete(deliverable=idea_day, actor=olga, linked_object=own)
    idea_day.refresh_from_db()
    assert idea_day.linked_object == own and idea_day.done


# The gate ---------------------------------------------------------------------------------


def test_the_owner_cannot_close_with_required_deliverables_open(run, olga):
    first = phase(run, 0)
    with pytest.raises(PermissionDenied, match="Required deliverables are still open"):
        services.phase_close(phase_run=first, actor=olga)
    first.refresh_from_db()
    assert first.status == "current"


def test_a_steward_needs_a_reason_to_close_with_deliverables_open(run, stella):
    first = phase(run, 0)
    with pytest.raises(ValidationError) as error:
        services.phase_close(phase_run=first, actor=stella, reason="  ")
    assert code_of(error.value) == "reason_required" and "reason" in error.value.message_dict
    closed = services.phase_close(
        phase_run=first, actor=stella, reason="The landowner is the municipality itself."
    )
    assert closed.status == "closed" and closed.close_reason.startswith("The landowner")
    assert closed.closed_by == stella
    assert phase(run, 1).status == "current"


def test_closing_when_everything_required_is_done_moves_on(run, olga, mailoutbox):
    first = phase(run, 0)
    finish_required(first, olga)
    services.phase_close(phase_run=first, actor=olga)
    assert [p.status for p in run.phases.order_by("position")][:3] == ["closed", "current", "upcoming"]


def test_only_the_current_phase_closes_and_only_once(run, stella):
    with pytest.raises(ValidationError) as error:
        services.phase_close(phase_run=phase(run, 2), actor=stella, reason="x")
    assert code_of(error.value) == "not_current"
    first = phase(run, 0)
    services.phase_close(phase_run=first, actor=stella, reason="ok")
    with pytest.raises(ValidationError) as error:
        services.phase_close(phase_run=first, actor=stella, reason="again")
    assert code_of(error.value) == "already_closed"


def test_closing_the_last_phase_finishes_the_run(library, oslo, stella):
    run = services.process_start(hub=oslo, template=library["new-hub"], starts_on=TODAY, actor=stella)
    for position in range(3):
        services.phase_close(phase_run=phase(run, position), actor=stella, reason="Demo")
    assert set(run.phases.values_list("status", flat=True)) == {"closed"}


def test_reopen_puts_the_following_phase_back(run, stella, olga):
    first = phase(run, 0)
    services.phase_close(phase_run=first, actor=stella, reason="ok")
    with pytest.raises(PermissionDenied):
        services.phase_reopen(phase_run=first, actor=olga)
    services.phase_reopen(phase_run=first, actor=stella)
    assert [p.status for p in run.phases.order_by("position")][:2] == ["current", "upcoming"]
    assert phase(run, 0).close_reason == ""


def test_only_the_last_closed_phase_reopens(run, stella):
    services.phase_close(phase_run=phase(run, 0), actor=stella, reason="ok")
    services.phase_close(phase_run=phase(run, 1), actor=stella, reason="ok")
    with pytest.raises(ValidationError) as error:
        services.phase_reopen(phase_run=phase(run, 0), actor=stella)
    assert code_of(error.value) == "later_closed"


def test_a_closed_phase_keeps_its_deliverables(run, stella):
    first = phase(run, 0)
    services.phase_close(phase_run=first, actor=stella, reason="ok")
    with pytest.raises(ValidationError) as error:
        services.deliverable_complete(
            deliverable=first.deliverables.get(key="landowner-contact"), actor=stella
        )
    assert code_of(error.value) == "closed"


def test_dates_end_not_before_start(run, olga):
    first = phase(run, 0)
    with pytest.raises(ValidationError) as error:
        services.phase_set_dates(
            phase_run=first, actor=olga, starts_on=TODAY, due_on=TODAY - datetime.timedelta(days=1)
        )
    assert "due_on" in error.value.message_dict
    first.refresh_from_db()
    assert first.due_on == TODAY + datetime.timedelta(days=13)
    services.phase_set_dates(phase_run=first, actor=olga, starts_on=TODAY, due_on=TODAY)
    first.refresh_from_db()
    assert first.due_on == TODAY


def test_the_database_refuses_an_end_before_the_start(run):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        PhaseRun.objects.filter(pk=phase(run, 0).pk).update(due_on=TODAY - datetime.timedelta(days=5))


def test_deleting_a_hub_copy_keeps_its_runs(library, oslo, stella, olga):
    copy = services.template_copy(template=library["idea-follow-up"], hub=oslo, actor=stella)
    initiative = make_initiative(oslo, olga, slug="repair-cafe", status="idea")
    run = services.process_start(subject_initiative=initiative, template=copy, starts_on=TODAY, actor=olga)
    ProcessTemplate.objects.filter(pk=copy.pk).delete()
    run = ProcessRun.objects.get(pk=run.pk)
    assert run.template is None and run.phases.count() == 6
