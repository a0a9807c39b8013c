"""Services: entries, proposals, case studies, courses."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from apps.audit.models import AuditEntry
from apps.core.money import format_money
from apps.funding.models import Budget, CostLine
from apps.library import services
from apps.library.models import CourseProgress, Entry, LessonDone
from apps.notifications.models import Notification
from apps.results.models import ProgressReport, Result

pytestmark = pytest.mark.django_db


def test_lead_publishes_at_once(published, stella):
    assert published.status == "published"
    assert published.published_at is not None
    assert published.licence_url == "https://creativecommons.org/licenses/by/4.0/"


def test_member_proposes_and_leads_are_told(stella, nora, proposal):
    assert proposal.status == "proposed"
    told = set(Notification.objects.filter(kind="library").values_list("recipient_id", flat=True))
    assert {stella.pk, nora.pk} <= told


def test_lead_publishes_a_proposal_with_audit(proposal, stella, mia):
    entry = services.entry_publish(actor=stella, entry=proposal)
    assert entry.status == "published"
    assert AuditEntry.objects.filter(action="library.entry_publish").count() == 1
    assert Notification.objects.filter(recipient=mia, kind="library").exists()
    services.entry_publish(actor=stella, entry=entry)  # again: nothing new
    assert AuditEntry.objects.filter(action="library.entry_publish").count() == 1


def test_member_cannot_publish(proposal, mia, sven):
    for person in (mia, sven):
        with pytest.raises(PermissionDenied):
            services.entry_publish(actor=person, entry=proposal)


@pytest.mark.parametrize("licence", ["", "all-rights-reserved"])
def test_entry_without_an_open_licence_is_refused(oslo, stella, licence):
    with pytest.raises(ValidationError) as error:
        services.entry_create(actor=stella, hub=oslo, kind="guide", title="Uten lisens", licence=licence)
    assert "licence" in error.value.error_dict
    assert not Entry.objects.exists()


def test_bad_values_refused_all_at_once(oslo, stella):
    with pytest.raises(ValidationError) as error:
        services.entry_create(
            actor=stella, hub=oslo, kind="case_study", title="", licence="cc0-1.0", link="javascript:alert(1)"
        )
    assert set(error.value.error_dict) == {"kind", "title", "link"}


def test_visitor_and_other_steward_cannot_add(oslo, vic, sven):
    for person in (vic, sven):
        with pytest.raises(PermissionDenied):
            services.entry_create(actor=person, hub=oslo, kind="guide", title="x", licence="cc0-1.0")


def test_author_edits_own_draft_and_proposes(oslo, mia, stella):
    entry = services.entry_create(actor=mia, hub=oslo, kind="guide", title="Utkast", licence="cc0-1.0")
    entry = services.entry_update(actor=mia, entry=entry, body="Mer tekst", propose=True)
    assert entry.status == "proposed" and entry.body == "Mer tekst"
    assert not entry.locally_edited


def test_case_study_from_record(benches, olga, lena, oslo, clock):
    report = ProgressReport.objects.create(
        hub=oslo,
        initiative=benches,
        title="Hva kom ut av det",
        text="Tolv benker står ute.",
        is_final=True,
        status="published",
    )
    Result.objects.create(
        hub=oslo,
        initiative=benches,
        title="Benker på plass",
        indicator_name="benker",
        unit="stk",
        baseline=0,
        target=12,
        target_date=report.created_at.date() + timedelta(days=30),
        status="published",
    )
    budget = Budget.objects.create(hub=oslo, initiative=benches)
    CostLine.objects.create(budget=budget, description="Materialer", planned="12000.00", actual="11000.00")
    entry = services.case_study_draft(actor=lena, initiative=benches)
    assert entry.kind == "case_study" and entry.status == "draft" and entry.licence == "cc-by-4.0"
    assert "Tolv benker står ute." in entry.body
    assert "Benker på plass" in entry.body
    with translation.override("nb"):
        assert format_money(Decimal("12000"), "NOK") in entry.body
    with pytest.raises(ValidationError):
        services.case_study_draft(actor=olga, initiative=benches)


def test_case_study_needs_completed_initiative(benches, olga):
    benches.status = "active"
    benches.save()
    with pytest.raises(ValidationError) as error:
        services.case_study_draft(actor=olga, initiative=benches)
    assert error.value.error_dict["initiative"][0].code == "not_completed"


def test_case_study_approved_by_team_only(case_study, stella, tom, lena, sven):
    for person in (stella, tom, sven):
        with pytest.raises(PermissionDenied):
            services.case_study_approve(actor=person, entry=case_study)
    with pytest.raises(ValidationError):
        services.entry_publish(actor=stella, entry=case_study)
    entry = services.case_study_approve(actor=lena, entry=case_study)
    assert entry.status == "published" and entry.approved_by == lena
    assert AuditEntry.objects.filter(action="library.case_study_approve").count() == 1


def test_course_progress(oslo, stella, mia, vic):
    course = services.course_create(actor=stella, hub=oslo, title="Stedskapingskolen")
    with pytest.raises(ValidationError):
        services.course_publish(actor=stella, course=course)
    first = services.lesson_add(actor=stella, course=course, title="Hva er stedsskaping?", body="Tekst")
    second = services.lesson_add(actor=stella, course=course, title="Kartlegging", body="Tekst")
    assert (first.position, second.position) == (1, 2)
    with pytest.raises(PermissionDenied):
        services.lesson_done(actor=mia, lesson=first)  # not published yet
    services.course_publish(actor=stella, course=course)
    with pytest.raises(PermissionDenied):
        services.lesson_add(actor=mia, course=course, title="x", body="y")
    progress = services.lesson_done(actor=vic, lesson=first)
    assert progress.finished_at is None
    services.lesson_done(actor=vic, lesson=first)
    assert LessonDone.objects.filter(user=vic).count() == 1
    progress = services.lesson_done(actor=vic, lesson=second)
    assert progress.finished_at is not None
    services.lesson_add(actor=stella, course=course, title="Tre", body="Tekst")
    assert CourseProgress.objects.get(user=vic).finished_at is None


def test_lesson_needs_text(oslo, stella):
    course = services.course_create(actor=stella, hub=oslo, title="Kurs")
    with pytest.raises(ValidationError) as error:
        services.lesson_add(actor=stella, course=course, title="", body="")
    assert set(error.value.error_dict) == {"title", "body"}
