"""A merge also carries what the stewardship apps hang on an initiative: volunteer roles and
shifts (a role name both use is kept apart), the logged-hours funding source (hours added up),
needs and introductions (once each), and case studies (a second one stays in the library)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from apps.accounts.models import Competence
from apps.consolidation import services
from apps.funding.models import Budget, FundingSource
from apps.library.models import Entry
from apps.matching.models import Introduction, Need
from apps.volunteers.models import LoggedHoursSource, Shift, VolunteerRole

pytestmark = pytest.mark.django_db


def _stewardship(initiative, *, person, competence, label):
    hub = initiative.hub
    role = VolunteerRole.objects.create(hub=hub, initiative=initiative, name="Snekker")
    start = timezone.now() + dt.timedelta(days=7)
    Shift.objects.create(
        hub=hub,
        initiative=initiative,
        role=role,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=3),
        place=f"{label} gård",
        capacity=4,
    )
    budget, _ = Budget.objects.get_or_create(hub=hub, initiative=initiative)
    source = FundingSource.objects.create(
        budget=budget,
        kind="volunteer_hours",
        description="Dugnadstimer",
        planned_hours=Decimal("10"),
        actual_hours=Decimal("6"),
    )
    LoggedHoursSource.objects.create(initiative=initiative, source=source)
    Need.objects.create(initiative=initiative, kind="competence", competence=competence)
    Need.objects.create(initiative=initiative, kind="resource", text=f"{label} stiger")
    Introduction.objects.create(hub=hub, initiative=initiative, user=person)
    Entry.objects.create(
        hub=hub,
        initiative=initiative,
        kind="case_study",
        title=f"{label} case",
        licence="cc-by-4.0",
        updated_at=timezone.now(),
    )


def test_stewardship_rows_move_and_combine(oslo, stella, toyen, hagegata, mia):
    competence = Competence.objects.create(
        slug="snekring", name_en="Carpentry", name_nb="Snekring", name_sv="Snickeri"
    )
    _stewardship(toyen, person=mia, competence=competence, label="Tøyen")
    _stewardship(hagegata, person=mia, competence=competence, label="Hagegata")

    services.initiative_merge(hub=oslo, merged=hagegata, into=toyen, actor=stella)

    roles = sorted(VolunteerRole.objects.filter(initiative=toyen).values_list("name", flat=True))
    assert roles == ["Snekker", f"Snekker ({hagegata.title})"]
    assert Shift.objects.filter(initiative=toyen).count() == 2
    assert not Shift.objects.filter(initiative=hagegata).exists()
    link = LoggedHoursSource.objects.get()
    assert link.initiative == toyen
    assert (link.source.planned_hours, link.source.actual_hours) == (Decimal("20"), Decimal("12"))
    assert FundingSource.objects.filter(kind="volunteer_hours").count() == 1
    assert Need.objects.filter(initiative=toyen, competence=competence).count() == 1
    assert Need.objects.filter(initiative=toyen, kind="resource").count() == 2
    assert Introduction.objects.filter(initiative=toyen, user=mia, status="introduced").count() == 1
    assert Entry.objects.filter(initiative=toyen).count() == 1
    assert Entry.objects.filter(title="Hagegata case", initiative__isnull=True).exists()
