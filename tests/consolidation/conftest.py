import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from apps.agreements.models import Agreement
from apps.dialogues.models import Dialogue
from apps.events.models import Event
from apps.followup.models import Meeting, Task
from apps.funding.models import Budget, Campaign, CostLine, FundingSource
from apps.goals.models import GoalTag, HubGoal
from apps.initiatives.models import (
    Follow,
    Initiative,
    InitiativeImage,
    InitiativeUpdate,
    Permit,
    TeamMember,
)
from apps.mapinput.models import MapMark, MarkCategory, MarkSettings
from apps.participation.models import Comment, Idea, Support
from apps.partners.models import Commitment, Partner
from apps.processes.models import ProcessRun
from apps.results.models import ProgressReport, Result
from apps.surveys.models import ConceptVote, Survey
from apps.visions.models import Vision
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,"
    b"\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


@pytest.fixture
def olga(oslo):
    return MembershipFactory(hub=oslo, user=UserFactory(email="olga@example.org", name="Olga Owner")).user


@pytest.fixture
def otto(oslo):
    return MembershipFactory(hub=oslo, user=UserFactory(email="otto@example.org", name="Otto Owner")).user


def make_initiative(hub, owner, slug, title, text, lon, lat, **extra):
    initiative = Initiative.objects.create(
        hub=hub,
        slug=slug,
        title=title,
        summary=text,
        owner=owner,
        lon=lon,
        lat=lat,
        place={"type": "Point", "coordinates": [lon, lat]},
        **extra,
    )
    TeamMember.objects.create(initiative=initiative, user=owner, role="owner")
    return initiative


def tag(initiative, goal):
    return GoalTag.objects.create(
        content_type=ContentType.objects.get_for_model(Initiative),
        object_id=initiative.pk,
        hub=initiative.hub,
        hub_goal=goal,
    )


@pytest.fixture
def green_goal(oslo):
    return HubGoal.objects.create(hub=oslo, code="G1", title="Grønne byrom")


@pytest.fixture
def toyen(oslo, olga, green_goal):
    i = make_initiative(
        oslo,
        olga,
        "gronn-gardsplass",
        "Grønn gårdsplass på Tøyen",
        "Vi planter trær og bygger benker i bakgården for naboene på Tøyen.",
        10.7700,
        59.9140,
    )
    tag(i, green_goal)
    return i


@pytest.fixture
def hagegata(oslo, otto, green_goal):
    i = make_initiative(
        oslo,
        otto,
        "gront-gardsrom",
        "Grønt gårdsrom i Hagegata",
        "Naboene planter trær og lager benker i bakgården i Hagegata.",
        10.7682,
        59.9149,
    )
    tag(i, green_goal)
    return i


@pytest.fixture
def far_away(oslo, olga):
    return make_initiative(
        oslo, olga, "sykkelverksted", "Sykkelverksted", "Reparasjon av sykler for alle.", 10.60, 59.96
    )


def fill(initiative, *, people, organisation, label):
    """One or more rows of every kind that points at an initiative."""
    hub = initiative.hub
    now = timezone.now()
    for person in people:
        Follow.objects.get_or_create(initiative=initiative, user=person)
    TeamMember.objects.get_or_create(initiative=initiative, user=people[0], defaults={"role": "member"})
    InitiativeImage.objects.create(
        initiative=initiative, image=SimpleUploadedFile(f"{label}.gif", GIF, "image/gif"), alt_text=label
    )
    InitiativeUpdate.objects.create(initiative=initiative, title=f"{label} update", body="…")
    Permit.objects.create(initiative=initiative, what=f"{label} permit")
    idea = Idea.objects.create(hub=hub, initiative=initiative, title=f"{label} idea", body="…")
    Comment.objects.create(idea=idea, body="…")
    for person in people:
        Support.objects.create(idea=idea, user=person)
    settings = MarkSettings.objects.create(hub=hub, initiative=initiative)
    category = MarkCategory.objects.create(settings=settings, name="Trær")
    MarkCategory.objects.create(settings=settings, name=f"{label} category")
    MapMark.objects.create(
        hub=hub,
        initiative=initiative,
        settings=settings,
        category=category,
        kind="point",
        geometry={"type": "Point", "coordinates": [10.77, 59.91]},
        lon=10.77,
        lat=59.91,
    )
    Survey.objects.create(hub=hub, initiative=initiative, title=f"{label} survey")
    ConceptVote.objects.create(hub=hub, initiative=initiative, title=f"{label} vote")
    Vision.objects.create(hub=hub, initiative=initiative, title=f"{label} vision")
    Event.objects.create(
        hub=hub,
        initiative=initiative,
        title=f"{label} event",
        starts_at=now,
        ends_at=now + dt.timedelta(hours=2),
    )
    Meeting.objects.create(hub=hub, initiative=initiative, scheduled_at=now)
    Task.objects.create(hub=hub, initiative=initiative, title=f"{label} task", assignee=people[0])
    ProcessRun.objects.create(
        hub=hub,
        initiative=initiative,
        template_key="stedskaping",
        title=f"{label} run",
        started_on=now.date(),
    )
    partner = Partner.objects.create(hub=hub, initiative=initiative, organisation=organisation)
    Commitment.objects.create(
        partner=partner, kind="money", description=f"{label} money", amount=Decimal("100")
    )
    Dialogue.objects.create(hub=hub, initiative=initiative, title=f"{label} dialogue")
    budget = Budget.objects.create(hub=hub, initiative=initiative)
    CostLine.objects.create(budget=budget, description=f"{label} cost", planned=Decimal("10"))
    FundingSource.objects.create(budget=budget, kind="grant", description=f"{label} grant")
    Campaign.objects.create(hub=hub, initiative=initiative, goal=Decimal("1000"), deadline=now.date())
    result = Result.objects.create(
        hub=hub,
        initiative=initiative,
        title=f"{label} result",
        indicator_name="Trær",
        baseline=Decimal("0"),
        target=Decimal("10"),
        target_date=now.date(),
    )
    ProgressReport.objects.create(
        hub=hub, initiative=initiative, title=f"{label} report", text="…", result=result, is_final=True
    )
    Agreement.objects.create(
        hub=hub, initiative=initiative, title=f"{label} agreement", starts_on=now.date(), ends_on=now.date()
    )


@pytest.fixture
def acme_org(db):
    return OrganisationFactory(name="Felles AS")
