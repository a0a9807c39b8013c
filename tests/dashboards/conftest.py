"""A small Oslo world whose every dashboard figure is computed by hand in the tests.

Areas: Gamle Oslo ⊃ Grønland ⊃ Vaterland, Gamle Oslo ⊃ Tøyen; Frogner. Goals: green (local
target 11.7.L1) and climate. Initiatives (status, area, tag):
  A park   active     Vaterland  goal green          team olga, tom; idea by mia, comment tom,
                                                     support vic; ballot bob; partners acme, per
  B bees   idea       Tøyen      target 11.7.L1      team mia; event vic (bob cancelled);
                                                     survey nora; partner acme
  C bikes  completed  Frogner    goal climate        team olga; pledges pia, petra (bob cancelled);
                                                     partner bygg
  D loose  active     –          –                   –
  F pond   paused     Grønland   UN target 11.7      team nora
Södertörn has an initiative of its own that must never show in Oslo.
"""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType

from apps.events.models import Event, Registration
from apps.funding.models import Budget, Campaign, FundingSource, Pledge
from apps.goals.catalogue import load_catalogue
from apps.goals.models import GoalTag, HubGoal, LocalTarget, SdgTarget
from apps.initiatives.models import Initiative, TeamMember
from apps.knowledge.models import Indicator
from apps.participation.models import Comment, Idea, Support
from apps.partners.models import Commitment, Partner
from apps.places.models import Area, AreaLevel
from apps.results.models import ProgressReport, Result
from apps.surveys.models import Ballot, Concept, ConceptVote, Response, Survey
from tests.factories import OrganisationFactory, UserFactory


def _tag(hub, obj, **target):
    return GoalTag.objects.create(
        hub=hub, content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk, **target
    )


def _initiative(hub, slug, status, owner, area=None):
    return Initiative.objects.create(
        hub=hub, slug=slug, title=slug.title(), status=status, owner=owner, area=area
    )


def _commit(partner, kind, status, amount=None, hours=None):
    return Commitment.objects.create(
        partner=partner, kind=kind, status=status, description=f"{kind} {status}", amount=amount, hours=hours
    )


class World:
    pass


@pytest.fixture
def world(oslo, sodertorn, mia, vic, bob, nora, petra, acme, sven):
    w = World()
    oslo.hourly_rate = Decimal("450.00")
    oslo.save(update_fields=["hourly_rate"])
    w.hub = oslo
    olga = UserFactory(email="olga@example.org", name="Olga Owner")
    tom = UserFactory(email="tom@example.org", name="Tom Team")
    pia = UserFactory(email="pia@example.org", name="Pia Pledger")
    per = UserFactory(email="per@example.org", name="Per Partner")
    w.people = {
        "olga": olga,
        "tom": tom,
        "pia": pia,
        "per": per,
        "mia": mia,
        "vic": vic,
        "bob": bob,
        "nora": nora,
    }

    bydel = AreaLevel.objects.create(hub=oslo, slug="bydel", name="Bydel", depth=0)
    del_ = AreaLevel.objects.create(hub=oslo, slug="delbydel", name="Delbydel", depth=1)
    w.gamle = Area.objects.create(hub=oslo, level=bydel, code="0301-01", name="Gamle Oslo")
    w.gronland = Area.objects.create(hub=oslo, level=del_, code="0301-01-01", name="Grønland", parent=w.gamle)
    w.vaterland = Area.objects.create(
        hub=oslo, level=del_, code="0301-01-01-1", name="Vaterland", parent=w.gronland
    )
    w.toyen = Area.objects.create(hub=oslo, level=del_, code="0301-01-02", name="Tøyen", parent=w.gamle)
    w.frogner = Area.objects.create(hub=oslo, level=bydel, code="0301-05", name="Frogner")

    w.green = HubGoal.objects.create(hub=oslo, code="green", title="Green city", target_year=2030)
    w.climate = HubGoal.objects.create(hub=oslo, code="climate", title="Climate", target_year=2030)
    if not SdgTarget.objects.filter(code="11.7").exists():
        # A transactional test (the browser's) starts after others have emptied the tables the
        # migrations filled: load the UN catalogue again.
        load_catalogue()
    un_11_7 = SdgTarget.objects.get(code="11.7")
    w.target = LocalTarget.objects.create(
        hub=oslo, hub_goal=w.green, sdg_target=un_11_7, code="11.7.L1", title="Green space near every home"
    )

    w.a = _initiative(oslo, "park", "active", olga, w.vaterland)
    w.b = _initiative(oslo, "bees", "idea", mia, w.toyen)
    w.c = _initiative(oslo, "bikes", "completed", olga, w.frogner)
    w.d = _initiative(oslo, "loose", "active", olga)
    w.f = _initiative(oslo, "pond", "paused", nora, w.gronland)
    _tag(oslo, w.a, hub_goal=w.green)
    _tag(oslo, w.b, local_target=w.target)
    _tag(oslo, w.c, hub_goal=w.climate)
    _tag(oslo, w.f, sdg_target=un_11_7)

    # People
    for initiative, user, role in (
        (w.a, olga, "owner"),
        (w.a, tom, "member"),
        (w.b, mia, "owner"),
        (w.c, olga, "owner"),
        (w.f, nora, "owner"),
    ):
        TeamMember.objects.create(initiative=initiative, user=user, role=role)
    idea = Idea.objects.create(hub=oslo, initiative=w.a, author=mia, title="Benches", body="Please")
    Comment.objects.create(idea=idea, author=tom, body="Yes")
    Support.objects.create(idea=idea, user=vic)
    vote = ConceptVote.objects.create(hub=oslo, initiative=w.a, title="Which park?", status="open")
    concept = Concept.objects.create(vote=vote, title="Meadow")
    Ballot.objects.create(vote=vote, voter=bob, concept=concept)
    event = Event.objects.create(
        hub=oslo,
        initiative=w.b,
        title="Bee day",
        starts_at=datetime(2026, 7, 1, 10, 0).astimezone(),
        ends_at=datetime(2026, 7, 1, 12, 0).astimezone(),
    )
    Registration.objects.create(event=event, user=vic, status="confirmed", position=1)
    Registration.objects.create(event=event, user=bob, status="cancelled", position=2)
    survey = Survey.objects.create(hub=oslo, initiative=w.b, title="Bees?", status="open")
    Response.objects.create(survey=survey, respondent=nora)
    campaign = Campaign.objects.create(
        hub=oslo, initiative=w.c, goal=Decimal("5000.00"), deadline=date(2026, 9, 1), status="open"
    )
    Pledge.objects.create(campaign=campaign, user=pia, amount=Decimal("250.50"), status="pledged")
    Pledge.objects.create(campaign=campaign, user=bob, amount=Decimal("1000.00"), status="cancelled")
    Pledge.objects.create(
        campaign=campaign, user=petra, organisation=acme, amount=Decimal("100.25"), status="received"
    )

    # Partners and commitments
    bygg = OrganisationFactory(name="=Bygg AS", slug="bygg")
    acme_a = Partner.objects.create(hub=oslo, initiative=w.a, organisation=acme, role="funder")
    per_a = Partner.objects.create(hub=oslo, initiative=w.a, user=per, role="resources")
    acme_b = Partner.objects.create(hub=oslo, initiative=w.b, organisation=acme, role="expertise")
    bygg_c = Partner.objects.create(hub=oslo, initiative=w.c, organisation=bygg, role="funder")
    acme_hub = Partner.objects.create(hub=oslo, organisation=acme, role="funder")
    _commit(acme_a, "money", "agreed", amount=Decimal("1000.10"))
    _commit(acme_a, "in_kind", "delivered", amount=Decimal("500.00"))
    _commit(acme_a, "money", "offered", amount=Decimal("999.00"))
    _commit(acme_a, "money", "withdrawn", amount=Decimal("50.00"))
    _commit(per_a, "hours", "agreed", hours=Decimal("10.5"))
    _commit(acme_b, "hours", "delivered", hours=Decimal("4.5"))
    _commit(acme_b, "competence", "agreed", amount=Decimal("300.00"))
    _commit(bygg_c, "money", "agreed", amount=Decimal("2000.00"))
    _commit(acme_hub, "money", "agreed", amount=Decimal("77777.00"))

    # Budgets
    budget_a = Budget.objects.create(hub=oslo, initiative=w.a)
    FundingSource.objects.create(
        budget=budget_a,
        kind="municipal",
        description="Bydel",
        planned=Decimal("10000.00"),
        received=Decimal("2500.55"),
    )
    FundingSource.objects.create(
        budget=budget_a,
        kind="volunteer_hours",
        description="Dugnad",
        planned_hours=Decimal("20"),
        actual_hours=Decimal("7.25"),
    )
    FundingSource.objects.create(
        budget=budget_a, kind="crowdfunding", description="Us", planned=Decimal("0.10")
    )
    budget_c = Budget.objects.create(hub=oslo, initiative=w.c)
    FundingSource.objects.create(
        budget=budget_c,
        kind="grant",
        description="Fund",
        planned=Decimal("5000.00"),
        received=Decimal("5000.00"),
    )
    hub_budget = Budget.objects.create(hub=oslo, initiative=None)
    FundingSource.objects.create(
        budget=hub_budget, kind="grant", description="Hub", planned=Decimal("123456.00")
    )

    # Results
    w.trees = Result.objects.create(
        hub=oslo,
        initiative=w.a,
        title="Trees planted",
        indicator_name="Trees",
        unit="trees",
        baseline=Decimal("0"),
        target=Decimal("100"),
        target_date=date(2027, 1, 1),
        status="published",
    )
    ProgressReport.objects.create(
        hub=oslo,
        initiative=w.a,
        title="Spring",
        text="40",
        result=w.trees,
        value=Decimal("40"),
        measured_on=date(2026, 5, 1),
        status="published",
        published_at=datetime(2026, 5, 2).astimezone(),
    )
    ProgressReport.objects.create(
        hub=oslo,
        initiative=w.a,
        title="Draft",
        text="90",
        result=w.trees,
        value=Decimal("90"),
        measured_on=date(2026, 6, 1),
        status="draft",
    )
    w.secret = Result.objects.create(
        hub=oslo,
        initiative=w.a,
        title="Secret draft result",
        indicator_name="X",
        baseline=0,
        target=1,
        target_date=date(2027, 1, 1),
        status="draft",
    )
    w.bikes = Result.objects.create(
        hub=oslo,
        initiative=w.c,
        title="Bikes lent",
        indicator_name="Bikes",
        baseline=0,
        target=10,
        target_date=date(2027, 1, 1),
        status="published",
    )
    green_share = Indicator.objects.create(
        hub=oslo, code="green_share", name_en="Green space", category="ecological", unit="%"
    )
    _tag(oslo, green_share, local_target=w.target)
    w.space = Result.objects.create(
        hub=oslo,
        title="Green space in Tøyen",
        indicator=green_share,
        area=w.toyen,
        baseline=20,
        target=30,
        target_date=date(2030, 1, 1),
        status="published",
    )

    # Södertörn: never in Oslo's numbers
    s_goal = HubGoal.objects.create(hub=sodertorn, code="green", title="Grönt")
    s = _initiative(sodertorn, "park", "active", sven)
    _tag(sodertorn, s, hub_goal=s_goal)
    TeamMember.objects.create(initiative=s, user=sven, role="owner")
    s_partner = Partner.objects.create(hub=sodertorn, initiative=s, organisation=acme, role="funder")
    _commit(s_partner, "money", "agreed", amount=Decimal("5555.00"))
    return w
