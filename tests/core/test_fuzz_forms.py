"""Random input to the main forms, through the real pages (Hypothesis, derandomized).

Each test signs in with the role the form is for, GETs the page like a browser (with CSRF checks on,
so the page's CSRF token and its one-time `_form_token` ride along), reads the form off the page
(tests/forms.py) and posts it with some fields replaced by random values: text that is huge or
holds control characters, NUL, right-to-left marks and emoji; numbers out of range; dates from
year 1 to 9999 in many spellings; coordinates anywhere; GeoJSON-like values; a wrong choice; a
field left out or sent twice; and asks for the answer in English, Norwegian or Swedish. Whatever
comes:

- never a 5xx;
- all or nothing: a refused form (4xx, or a page with errors) changes no counted row nor the
  audit log, nor the row it edits; a form that went through (a redirect) added exactly the rows
  its action adds (or, for a view that sends a refusal back as a redirect with a message, none).

Each example runs in a savepoint that is rolled back afterwards, so every example starts from the
same database (one join, one vote, one closed phase at a time)."""

import datetime
import json
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import cache
from django.db import models, transaction
from django.forms.models import model_to_dict
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from apps.audit.models import AuditEntry
from tests.factories import PASSWORD, _norwegian_number
from tests.forms import Form, form_posting_to

pytestmark = pytest.mark.slow

# CI runs the same 20 examples a form every time; ALLMENNING_FUZZ_EXAMPLES=500 hunts for more.
EXAMPLES = int(os.environ.get("ALLMENNING_FUZZ_EXAMPLES", "20"))
FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],  # no "explain": it is slow
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Random values ---------------------------------------------------------------------------------

# control characters, NUL, zero-width and direction marks, a byte-order mark, emoji with joiners
ODD = "\x00\x01\x08\x0b\x1b\x7f\u200b\u200e\u200f\u202e\u2066\ufeff\ufffe" + (
    "\U0001f600\U0001f3f3\ufe0f\u200d\U0001f308"
)
texts = st.one_of(
    st.text(max_size=60),
    st.sampled_from(["x" * 5_000, "y" * 70_000, "\x00" * 300]),
    st.text(alphabet=st.sampled_from(ODD + "aå ,.-\n\r\t<>&\"'"), max_size=80),
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "a\x00b",
            "\u202eevil\u202c",
            "שלום עולם",
            "مرحبا",
            "\U0001f600" * 50,
            "x" * 5_000,
            "y" * 70_000,
            "<script>alert(1)</script>",
            "{{ 7*7 }}",
            "'; DROP TABLE x; --",
        ]
    ),
)
numbers = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(
        ["", "-0", "0", "-1", "1e9", "1e309", "NaN", "inf", "0x10", " 5", "٣", "9" * 40, "1,5", "1 500,50"]
    ),
)


@st.composite
def dates(draw: Any) -> str:
    year = draw(st.integers(min_value=1, max_value=9999))
    month = draw(st.integers(min_value=0, max_value=13))
    day = draw(st.integers(min_value=0, max_value=32))
    hour = draw(st.integers(min_value=0, max_value=25))
    minute = draw(st.integers(min_value=0, max_value=61))
    spelling = draw(
        st.sampled_from(
            [
                "{y:04d}-{m:02d}-{d:02d}",
                "{y:04d}-{m:02d}-{d:02d}T{h:02d}:{mi:02d}",
                "{y:04d}-{m:02d}-{d:02d} {h:02d}:{mi:02d}",
                "{d:02d}.{m:02d}.{y:04d}",
                "{d}/{m}/{y}",
                "{y}",
                "{h:02d}:{mi:02d}",
            ]
        )
    )
    return spelling.format(y=year, m=month, d=day, h=hour, mi=minute)


coordinates = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.floats(min_value=-200, max_value=200).map(str),
    st.sampled_from(["", "10,75", "59.91N", "1e400", "-0"]),
)
json_numbers = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False), st.integers(-(2**64), 2**64), st.text(max_size=5)
)
positions = st.lists(json_numbers, min_size=0, max_size=4)
geojson = st.one_of(
    st.builds(lambda c: {"type": "Point", "coordinates": c}, positions),
    st.builds(lambda c: {"type": "LineString", "coordinates": c}, st.lists(positions, max_size=5)),
    st.builds(
        lambda c: {"type": "Polygon", "coordinates": c}, st.lists(st.lists(positions, max_size=6), max_size=2)
    ),
    st.recursive(
        st.none() | st.booleans() | json_numbers, lambda inner: st.lists(inner, max_size=3), max_leaves=8
    ),
).map(lambda value: json.dumps(value, allow_nan=True))
KINDS = ("keep", "keep", "keep", "text", "number", "date", "coordinate", "json", "choice", "missing", "twice")


def junk(data: st.DataObject, kind: str, form: Form, name: str) -> list[str] | None:
    """A random value of `kind` for the field `name` (None: leave the field out)."""
    if kind == "text":
        return [data.draw(texts)]
    if kind == "number":
        return [data.draw(numbers)]
    if kind == "date":
        return [data.draw(dates())]
    if kind == "coordinate":
        return [data.draw(coordinates)]
    if kind == "json":  # GeoJSON-like, for the hidden geometry fields above all
        return [data.draw(geojson)]
    if kind == "choice":  # a choice the page does not offer, or another field's
        others = [c for n in form.names() for c in form.choices(n)]
        return [
            data.draw(st.one_of(st.sampled_from(["999999", "-1", "0", "none", "__all__", *others]), texts))
        ]
    if kind == "missing":
        return None
    raise AssertionError(kind)


# The harness -----------------------------------------------------------------------------------


@dataclass
class Target:
    """A form to fuzz: the page it is on, who fills it in, what it adds when it works."""

    client: Client
    page: str
    action: str
    counted: list[type[models.Model]]
    adds: dict[type[models.Model], int]
    good: dict[str, str | list[str]] = field(default_factory=dict)  # values a valid post needs
    edits: Callable[[], Any] | None = None  # the row an edit form changes: unchanged when refused
    refusal_redirects: bool = False  # the view sends a refusal back as a redirect with a message
    form: Form | None = None  # read off the page by the first example
    loose: tuple[str, ...] = ()  # counted models whose number on success depends on the input


def signed_in(user: Any) -> Client:
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        assert client.login(email=user.email, password=PASSWORD)
    return client


def counts(target: Target) -> dict[str, int]:
    found = {model.__name__: model._default_manager.count() for model in target.counted}
    found["AuditEntry"] = AuditEntry.objects.count()
    return found


def snapshot(target: Target) -> Any:
    if target.edits is None:
        return None
    row = target.edits()
    row.refresh_from_db()
    return {k: v for k, v in model_to_dict(row).items() if not _unhashable_file(v)}


def _unhashable_file(value: Any) -> bool:
    return hasattr(value, "storage")


class _Undo(Exception):
    pass


def fuzz(target: Target) -> Counter[str]:
    """Run the examples against `target`; how many went through and how many were refused. Each
    test asserts both happened, so a form the fuzz can never fill in (or never upset) shows."""
    outcomes: Counter[str] = Counter()

    @FUZZ
    @given(data=st.data())
    def examples(data: st.DataObject) -> None:
        try:
            with transaction.atomic():
                outcomes[_one_example(data, target)] += 1
                raise _Undo
        except _Undo:
            pass

    examples()
    return outcomes


def _one_example(data: st.DataObject, target: Target) -> str:
    cache.clear()  # rate limits and used form tokens: each example starts without them
    if target.form is None:  # the page once: the rollback and the empty cache make its tokens new again
        page = target.client.get(target.page)
        assert page.status_code == 200, (target.page, page.status_code)
        target.form = form_posting_to(page.content.decode(), target.action)
    form = target.form
    values: dict[str, list[str]] = form.defaults()
    for name, value in target.good.items():
        values[name] = value if isinstance(value, list) else [value]
    untouchable = {"csrfmiddlewaretoken", "_form_token"}
    for name in [n for n in values if n not in untouchable]:
        kind = data.draw(st.sampled_from(KINDS), label=name)
        if kind == "keep":
            continue
        if kind == "twice":
            values[name] = [*values[name], *(junk(data, "text", form, name) or [])]
            continue
        replaced = junk(data, kind, form, name)
        if replaced is None:
            del values[name]
        else:
            values[name] = replaced
    before, row_before = counts(target), snapshot(target)
    post = {name: value for name, value in values.items() if value}
    # the refusal is said in the reader's language: a translation that breaks its placeholders shows
    language = data.draw(st.sampled_from(["en", "nb", "sv"]), label="language")
    response = target.client.post(target.action or target.page, post, HTTP_ACCEPT_LANGUAGE=language)
    after = counts(target)
    assert response.status_code < 500, response.content[:2000]
    added = {name: after[name] - before[name] for name in after}
    nothing = dict.fromkeys(added, 0)
    if response.status_code in (301, 302, 303):
        expected = dict.fromkeys(added, 0) | {m.__name__: n for m, n in target.adds.items()}
        for name in target.loose:  # e.g. answers to optional questions: some, when it went through
            if added[name] > 0:
                expected[name] = added[name]
        allowed = [expected, nothing] if target.refusal_redirects else [expected]
        assert added in allowed, (post, added, response.get("Location"))
        return "went through" if added == expected else "refused"
    assert added == nothing, (post, response.status_code, added)
    assert snapshot(target) == row_before, (post, response.status_code)
    return "refused"


def assert_both(outcomes: Counter[str]) -> None:
    assert outcomes["went through"] and outcomes["refused"], outcomes


# Participation ---------------------------------------------------------------------------------


def test_joining_a_hub(oslo, vic):
    from apps.hubs.models import Membership

    target = Target(
        client=signed_in(vic),
        page="/oslo/join/",
        action="",
        counted=[Membership],
        adds={Membership: 1},  # an application is audited when a steward decides it
        good={"message": "I live at Tøyen."},
    )
    outcomes = fuzz(target)
    assert outcomes["went through"], outcomes  # one optional text: refused only when over 2000 characters


@pytest.fixture
def idea(oslo, mia):
    from apps.participation import services
    from apps.participation.spaces import Space

    return services.idea_create(space=Space(hub=oslo), author=mia, title="Benches", body="More benches.")


def test_submitting_an_idea(oslo, mia):
    from apps.participation.models import Idea

    target = Target(
        client=signed_in(mia),
        page="/oslo/ideas/hub/",
        action="/oslo/ideas/hub/",
        counted=[Idea],
        adds={Idea: 1},  # participation audits moderation, not posts
        good={"title": "Trees", "body": "Plant trees along the street."},
    )
    assert_both(fuzz(target))


def test_commenting_on_an_idea(oslo, stella, idea):
    from apps.participation.models import Comment

    target = Target(
        client=signed_in(stella),
        page=f"/oslo/ideas/hub/{idea.pk}/",
        action=f"/oslo/ideas/hub/{idea.pk}/comment/",
        counted=[Comment],
        adds={Comment: 1},  # participation audits moderation, not posts
        good={"body": "Agreed!"},
    )
    assert_both(fuzz(target))


def test_supporting_an_idea(oslo, stella, idea):
    from apps.participation.models import Support

    target = Target(
        client=signed_in(stella),
        page=f"/oslo/ideas/hub/{idea.pk}/",
        action=f"/oslo/ideas/hub/{idea.pk}/support/",
        counted=[Support],
        adds={Support: 1},  # participation audits moderation, not posts
        refusal_redirects=True,
    )
    outcomes = fuzz(target)
    assert outcomes["went through"], outcomes  # the form is one button: hardly anything to get wrong


# Map marks, surveys, votes ---------------------------------------------------------------------

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[10.70, 59.90], [10.80, 59.90], [10.80, 59.95], [10.70, 59.95], [10.70, 59.90]]],
}


@pytest.fixture
def courtyard(oslo, stella):
    from apps.initiatives.models import Initiative, TeamMember

    initiative = Initiative.objects.create(
        hub=oslo, slug="courtyard", title="Green courtyard", owner=stella, place=SQUARE, lon=10.75, lat=59.92
    )
    TeamMember.objects.create(initiative=initiative, user=stella, role=TeamMember.Role.OWNER)
    return initiative


def test_placing_a_mark_on_the_map(oslo, mia, courtyard):
    from apps.mapinput.models import MapMark, MarkCategory, MarkSettings
    from apps.participation.spaces import Space

    row = MarkSettings(allow_point=True, allow_line=True, allow_area=True, boundary_required=True)
    row.set_space(Space(hub=oslo, initiative=courtyard))
    row.save()
    green = MarkCategory.objects.create(settings=row, name="Green", colour="#15803d", position=0)
    MarkCategory.objects.create(settings=row, name="Safety", colour="#c2410c", position=1)
    target = Target(
        client=signed_in(mia),
        page="/oslo/marks/i-courtyard/",
        action="",
        counted=[MapMark],
        adds={MapMark: 1},
        good={"category": str(green.pk), "kind": "point", "lon": "10.75", "lat": "59.92", "comment": "Trees"},
    )
    assert_both(fuzz(target))


def _survey(oslo, courtyard, *, anonymous: bool):
    from apps.participation.spaces import Space
    from apps.surveys.models import Question, Status, Survey

    survey = Survey(title="The yard", status=Status.OPEN, allow_anonymous=anonymous)
    survey.set_space(Space(hub=oslo, initiative=courtyard))
    survey.save()
    q = {
        kind: Question.objects.create(survey=survey, position=n, kind=kind, text=kind, **extra)
        for n, (kind, extra) in enumerate(
            [
                ("single", {"options": ["Spring", "Summer", "Autumn"]}),
                ("multiple", {"options": ["Benches", "Trees", "Play"]}),
                ("ranking", {"options": ["Green", "Play", "Quiet"]}),
                ("scale", {"scale_min": 1, "scale_max": 5}),
                ("text", {"required": False}),
                ("point", {"required": False}),
            ],
            start=1,
        )
    }
    good = {
        f"q{q['single'].pk}": "1",
        f"q{q['multiple'].pk}": ["0", "2"],
        f"q{q['ranking'].pk}-0": "2",
        f"q{q['ranking'].pk}-1": "1",
        f"q{q['ranking'].pk}-2": "3",
        f"q{q['scale'].pk}": "4",
        f"q{q['text'].pk}": "More trees",
        f"q{q['point'].pk}-lon": "10.75",
        f"q{q['point'].pk}-lat": "59.92",
    }
    return survey, good


def test_answering_a_survey(oslo, mia, courtyard):
    from apps.surveys.models import Answer, Response

    survey, good = _survey(oslo, courtyard, anonymous=False)
    target = Target(
        client=signed_in(mia),
        page=f"/oslo/surveys/{survey.pk}/",
        action="",
        counted=[Response, Answer],
        adds={Response: 1, Answer: 6},
        good=good,
        loose=("Answer",),
    )
    assert_both(fuzz(target))


def test_answering_a_survey_anonymously(oslo, courtyard):
    from apps.surveys.models import Answer, Response

    survey, good = _survey(oslo, courtyard, anonymous=True)
    target = Target(
        client=signed_in(None),
        page=f"/oslo/surveys/{survey.pk}/",
        action="",
        counted=[Response, Answer],
        adds={Response: 1, Answer: 6},
        good=good,
        loose=("Answer",),
    )
    assert_both(fuzz(target))


def test_casting_a_vote(oslo, mia, courtyard):
    from apps.participation.spaces import Space
    from apps.surveys.models import Ballot, Concept, ConceptVote, Status

    vote = ConceptVote(title="Which concept?", status=Status.OPEN)
    vote.set_space(Space(hub=oslo, initiative=courtyard))
    vote.save()
    concepts = [Concept.objects.create(vote=vote, position=n, title=f"Concept {n}") for n in range(3)]
    target = Target(
        client=signed_in(mia),
        page=f"/oslo/surveys/votes/{vote.pk}/",
        action="",
        counted=[Ballot],
        adds={Ballot: 1},
        good={"concept": str(concepts[1].pk)},
    )
    assert_both(fuzz(target))


# Events, campaigns -----------------------------------------------------------------------------


def test_signing_up_for_an_event(oslo, mia):
    from django.utils import timezone

    from apps.events.models import Event, Registration

    start = timezone.now() + datetime.timedelta(days=7)
    event = Event.objects.create(
        hub=oslo, title="Workshop", starts_at=start, ends_at=start + datetime.timedelta(hours=2), capacity=1
    )
    target = Target(
        client=signed_in(mia),
        page=f"/oslo/events/e/{event.pk}/",
        action=f"/oslo/events/e/{event.pk}/register/",
        counted=[Registration],
        adds={Registration: 1},
    )
    outcomes = fuzz(target)
    assert outcomes["went through"], outcomes  # the form has no fields of its own to get wrong


def test_pledging_to_a_campaign(oslo, stella, mia, courtyard):
    from apps.funding import services
    from apps.funding.models import Budget, Pledge

    budget = Budget.objects.create(hub=oslo, initiative=courtyard)
    services.cost_line_add(
        budget=budget, actor=stella, description="Planks", category="materials", planned="10000"
    )
    services.source_add(budget=budget, actor=stella, kind="municipal", description="Bydel", planned="10000")
    campaign = services.campaign_create(
        initiative=courtyard,
        actor=stella,
        goal=Decimal("5000"),
        deadline=oslo.today() + datetime.timedelta(days=7),
    )
    services.campaign_open(campaign=campaign, actor=stella)
    target = Target(
        client=signed_in(mia),
        page="/oslo/funding/i/courtyard/campaign/",
        action="/oslo/funding/i/courtyard/campaign/pledge/",
        counted=[Pledge],
        adds={Pledge: 1},
        good={"amount": "250"},
    )
    assert_both(fuzz(target))


# Things a steward or a team creates ------------------------------------------------------------


def test_creating_a_permit(oslo, stella, courtyard):
    from apps.initiatives.models import Permit

    target = Target(
        client=signed_in(stella),
        page="/oslo/initiatives/courtyard/permits/",
        action="",
        counted=[Permit],
        adds={Permit: 1},
        good={"what": "Building permit", "authority": "PBE"},
    )
    assert_both(fuzz(target))


def test_creating_a_goal(oslo, stella):
    from apps.goals.models import HubGoal

    target = Target(
        client=signed_in(stella),
        page="/oslo/goals/new/",
        action="",
        counted=[HubGoal],
        adds={HubGoal: 1},
        good={"code": "green", "title": "A greener city"},
    )
    assert_both(fuzz(target))


def test_creating_a_working_group(oslo, stella, mia):
    from apps.hubs.models import WorkingGroup, WorkingGroupMember

    target = Target(
        client=signed_in(stella),
        page="/oslo/groups/new/",
        action="",
        counted=[WorkingGroup, WorkingGroupMember],
        adds={WorkingGroup: 1},
        good={"name": "Climate", "theme": "Climate"},
        loose=("WorkingGroupMember", "AuditEntry"),  # with a lead: the lead joins, and that is audited
    )
    assert_both(fuzz(target))


def test_creating_an_event(oslo, stella):
    from apps.events.models import Event

    day = (oslo.today() + datetime.timedelta(days=14)).isoformat()  # whatever the test clock says

    target = Target(
        client=signed_in(stella),
        page="/oslo/events/hub/new/",
        action="",
        counted=[Event],
        adds={Event: 1},
        good={"title": "Walk", "starts_at": f"{day}T18:00", "ends_at": f"{day}T20:00"},
    )
    assert_both(fuzz(target))


def test_closing_a_phase_with_a_reason(oslo, stella, courtyard):
    from apps.processes import services
    from apps.processes.loader import load_templates
    from apps.processes.models import PhaseRun, ProcessTemplate

    if not ProcessTemplate.objects.filter(hub__isnull=True).exists():
        load_templates()
    template = ProcessTemplate.objects.get(hub__isnull=True, key="stedskaping-6-6")
    run = services.process_start(
        subject_initiative=courtyard, template=template, starts_on=oslo.today(), actor=stella
    )
    phase = run.phases.get(status="current")
    target = Target(
        client=signed_in(stella),
        page=f"/oslo/processes/runs/{run.pk}/",
        action=f"/oslo/processes/runs/{run.pk}/phases/{phase.pk}/close/",
        counted=[PhaseRun],
        adds={AuditEntry: 1},
        good={"reason": "The group agreed at the meeting."},
        edits=lambda: PhaseRun.objects.get(pk=phase.pk),
    )
    assert_both(fuzz(target))


# Editing a profile and a hub; a new organisation -----------------------------------------------


def test_editing_a_profile(oslo, mia):
    from apps.accounts.models import Profile

    target = Target(
        client=signed_in(mia),
        page="/me/profile/",
        action="",
        counted=[Profile],
        adds={},
        good={"name": "Mia M."},
        edits=lambda: Profile.objects.get(user=mia),
    )
    assert_both(fuzz(target))


def test_editing_hub_settings(oslo, stella):
    from apps.hubs.models import Hub

    target = Target(
        client=signed_in(stella),
        page="/oslo/manage/settings/",
        action="",
        counted=[Hub],
        adds={},  # settings are not audited (offices and decisions are)
        edits=lambda: Hub.objects.get(pk=oslo.pk),
    )
    assert_both(fuzz(target))


def test_creating_an_organisation(oslo, mia):
    from apps.organisations.models import Organisation, Representative

    target = Target(
        client=signed_in(mia),
        page="/organisations/new/",
        action="",
        counted=[Organisation, Representative],
        adds={Organisation: 1, Representative: 1},
        good={"name": "Tøyen Vel", "org_number": _norwegian_number(4242)},
    )
    assert_both(fuzz(target))
