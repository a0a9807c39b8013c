"""The establishment's deliverables are fulfilled by the real things, and the gate asks them."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from apps.agreements.models import Agreement, AgreementVersion, Party
from apps.audit.models import AuditEntry
from apps.establishment import services
from apps.events.models import Event
from apps.funding.models import Budget, CostLine, FundingSource
from apps.governance.models import Ballot, Candidate, Meeting
from apps.hubs.models import ApplicationStatus, Hub
from apps.notifications.models import Notification
from apps.processes import fulfilment
from apps.processes import services as process_services
from apps.processes.models import Deliverable, PhaseRun
from apps.visions.models import Endorsement, Vision, VisionVersion
from tests.establishment.conftest import OSLO_AREA
from tests.factories import OrganisationFactory, PartnershipFactory
from tests.files import pdf


def deliverable(run, key):
    return Deliverable.objects.select_related("phase_run__run__hub").get(phase_run__run=run, key=key)


def state(run, key):
    d = deliverable(run, key)
    return fulfilment.fulfilment_of(d.phase_run.run, d)


def phase(run, position):
    return PhaseRun.objects.select_related("run__hub").get(run=run, position=position)


def close(run, position, actor, reason=""):
    return process_services.phase_close(phase_run=phase(run, position), actor=actor, reason=reason)


def hold_meeting(hub):
    starts = timezone.now() - timedelta(days=2)
    return Event.objects.create(
        hub=hub,
        kind=Event.Kind.EXPLORATORY,
        title="Sondering",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )


def test_every_object_deliverable_has_a_fulfiller(run):
    keys = set(Deliverable.objects.filter(phase_run__run=run, kind="object").values_list("key", flat=True))
    assert keys == {
        "meeting-held",
        "invitations-sent",
        "hub-area",
        "startup-partners",
        "shared-vision",
        "cooperation-agreement",
        "leadership-board",
        "financing-plan",
    }
    assert keys <= set(fulfilment.registered())


def test_meeting_held_needs_a_meeting_in_the_past(run, oslo):
    assert not state(run, "meeting-held").done
    starts = timezone.now() + timedelta(days=3)
    Event.objects.create(
        hub=oslo, kind=Event.Kind.EXPLORATORY, title="Kommer", starts_at=starts, ends_at=starts
    )
    answer = state(run, "meeting-held")
    assert not answer.done and "Kommer" in answer.summary
    hold_meeting(oslo)
    assert state(run, "meeting-held").done


def test_a_workshop_is_not_the_exploratory_meeting(run, oslo):
    starts = timezone.now() - timedelta(days=2)
    Event.objects.create(hub=oslo, kind=Event.Kind.WORKSHOP, title="V", starts_at=starts, ends_at=starts)
    assert not state(run, "meeting-held").done


def test_another_hubs_meeting_does_not_count(run, sodertorn):
    hold_meeting(sodertorn)
    assert not state(run, "meeting-held").done


def test_invitations_sent(run, oslo, stella, meeting):
    assert not state(run, "invitations-sent").done
    services.invitations_send(hub=oslo, actor=stella, event=meeting, addresses="a@example.org", language="nb")
    assert state(run, "invitations-sent").done


def test_area(run, oslo, stella):
    assert not state(run, "hub-area").done
    services.hub_area_save(hub=oslo, actor=stella, geometry=OSLO_AREA, name="Sentrum")
    answer = state(run, "hub-area")
    assert answer.done and "1 area" in answer.summary and answer.url == "/oslo/areas/"


def test_startup_partners_need_two_approved(run, oslo):
    PartnershipFactory(hub=oslo, status=ApplicationStatus.APPROVED)
    PartnershipFactory(hub=oslo, status=ApplicationStatus.PENDING)
    assert not state(run, "startup-partners").done
    PartnershipFactory(hub=oslo, status=ApplicationStatus.APPROVED)
    answer = state(run, "startup-partners")
    assert answer.done and "2 approved partnerships" in answer.summary


def test_shared_vision_needs_two_partners_endorsing_the_latest_version(run, oslo, stella):
    one = PartnershipFactory(hub=oslo, status=ApplicationStatus.APPROVED).organisation
    two = PartnershipFactory(hub=oslo, status=ApplicationStatus.APPROVED).organisation
    outsider = OrganisationFactory()
    vision = Vision.objects.create(
        hub=oslo, title="Målbilde", status=Vision.Status.ENDORSING, created_by=stella
    )
    v1 = VisionVersion.objects.create(vision=vision, number=1, text="En", author=stella)
    Endorsement.objects.create(version=v1, organisation=one)
    Endorsement.objects.create(version=v1, organisation=outsider)
    assert not state(run, "shared-vision").done  # one partner, one outsider
    Endorsement.objects.create(version=v1, organisation=two)
    assert state(run, "shared-vision").done
    VisionVersion.objects.create(vision=vision, number=2, text="To", author=stella)
    assert not state(run, "shared-vision").done  # the new text needs its own endorsements


def test_an_initiatives_vision_is_not_the_shared_vision(run, oslo, stella):
    from apps.initiatives.models import Initiative

    initiative = Initiative.objects.create(hub=oslo, owner=stella, slug="i", title="I", status="active")
    vision = Vision.objects.create(hub=oslo, initiative=initiative, title="V", status=Vision.Status.ADOPTED)
    version = VisionVersion.objects.create(vision=vision, number=1, text="x")
    for _ in range(2):
        organisation = PartnershipFactory(hub=oslo, status=ApplicationStatus.APPROVED).organisation
        Endorsement.objects.create(version=version, organisation=organisation)
    assert not state(run, "shared-vision").done


def test_cooperation_agreement_needs_a_signed_hub_agreement(run, oslo, stella):
    assert not state(run, "cooperation-agreement").done
    agreement = Agreement.objects.create(
        hub=oslo,
        title="Samarbeidsavtale",
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate(),
        created_by=stella,
    )
    assert not state(run, "cooperation-agreement").done
    for _ in range(2):
        Party.objects.create(agreement=agreement, organisation=OrganisationFactory())
    version = AgreementVersion.objects.create(agreement=agreement, number=1, text="Tekst", author=stella)
    Agreement.objects.filter(pk=agreement.pk).update(
        status=Agreement.Status.SIGNED, signed_at=timezone.now(), signed_version=version
    )
    answer = state(run, "cooperation-agreement")
    assert answer.done and "all 2 parties" in answer.summary and "version 1" in answer.summary


def test_board_needs_a_closed_election_with_people_elected(run, oslo, stella):
    assert not state(run, "leadership-board").done
    meeting = Meeting.objects.create(
        hub=oslo, title="Stiftelsesmøte", starts_at=timezone.now(), created_by=stella
    )
    ballot = Ballot.objects.create(meeting=meeting, kind=Ballot.Kind.ELECTION, title="Styre", seats=1)
    Candidate.objects.create(ballot=ballot, user=stella)
    assert not state(run, "leadership-board").done  # still a draft
    Ballot.objects.filter(pk=ballot.pk).update(status=Ballot.Status.CLOSED, closed_at=timezone.now())
    assert not state(run, "leadership-board").done  # no one elected (a tie not settled)
    Candidate.objects.filter(ballot=ballot).update(elected=True)
    assert state(run, "leadership-board").done


def test_financing_plan_needs_costs_and_sources(run, oslo):
    assert not state(run, "financing-plan").done
    budget = Budget.objects.create(hub=oslo)
    CostLine.objects.create(
        budget=budget, description="Nettverksleder", category="services", planned=Decimal("100000")
    )
    assert not state(run, "financing-plan").done
    FundingSource.objects.create(budget=budget, kind="grant", description="Fylket", planned=Decimal("80000"))
    answer = state(run, "financing-plan")
    assert answer.done and "80" in answer.summary


def test_a_file_cannot_stand_in_for_the_real_thing(run, stella):
    with pytest.raises(ValidationError) as caught:
        process_services.deliverable_complete(
            deliverable=deliverable(run, "hub-area"), actor=stella, file=pdf()
        )
    assert caught.value.code == "fulfilled_by_object"
    assert not deliverable(run, "hub-area").done


def test_the_gate_asks_the_real_things(run, oslo, stella, mia):
    # mia (a member) may not close; stella (steward) only with a reason while the meeting is not held.
    with pytest.raises(PermissionDenied):
        close(run, 0, mia)
    with pytest.raises(ValidationError) as caught:
        close(run, 0, stella)
    assert "Exploratory meeting held" in str(caught.value) or "Sonderingsmøte" in str(caught.value)
    hold_meeting(oslo)
    closed = close(run, 0, stella)
    assert closed.status == "closed" and not closed.close_reason
    held = deliverable(run, "meeting-held")
    assert held.done and held.note.startswith("Held")
    assert AuditEntry.objects.filter(action="processes.phase_close").count() == 1


def test_ticked_marks_do_not_open_the_gate(run, oslo, stella):
    close(run, 0, stella, reason="Holdt møtet uten arrangement")
    Deliverable.objects.filter(phase_run__run=run, position__gte=0, phase_run__position=1).update(done=True)
    with pytest.raises(ValidationError):  # area, partners and vision are not there
        close(run, 1, stella)


def test_closing_the_last_step_makes_the_hub_active(run, oslo, stella, mia):
    for position in (0, 1):
        close(run, position, stella, reason="Demo")
    assert Hub.objects.get(pk=oslo.pk).stage == "establishing"
    close(run, 2, stella, reason="Ferdig")
    assert Hub.objects.get(pk=oslo.pk).stage == "active"
    entry = AuditEntry.objects.get(action="hubs.stage_change")
    assert entry.actor == stella and entry.data == {"from": "establishing", "to": "active"}
    assert Notification.objects.filter(recipient=mia, hub=oslo).exists()
    process_services.phase_reopen(phase_run=phase(run, 2), actor=stella)
    assert Hub.objects.get(pk=oslo.pk).stage == "establishing"
    assert AuditEntry.objects.filter(action="hubs.stage_change").count() == 2


def test_an_initiatives_run_keeps_its_marks(oslo, stella, run):
    """A deliverable key an establishment fulfiller answers for is an ordinary one in an initiative's run."""
    from apps.initiatives.models import Initiative
    from apps.processes.models import ProcessTemplate

    initiative = Initiative.objects.create(hub=oslo, owner=stella, slug="g", title="G", status="active")
    other = process_services.process_start(
        template=ProcessTemplate.objects.get(hub__isnull=True, key="new-hub"),
        starts_on=timezone.localdate(),
        actor=stella,
        subject_initiative=initiative,
    )
    d = deliverable(other, "hub-area")
    assert fulfilment.fulfilment_of(other, d) is None
    process_services.deliverable_complete(deliverable=d, actor=stella, url="https://example.org/area")
    assert deliverable(other, "hub-area").done
