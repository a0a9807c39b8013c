"""Paper and face-to-face answers (C3): who may enter them, batches and sheet codes entered
once, the printable version, results per channel and by resident group, bad input."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.places.models import Area, AreaLevel
from apps.residents import selectors as resident_selectors
from apps.residents import services as resident_services
from apps.surveys import selectors, services
from apps.surveys.models import Ballot, Batch, Response
from apps.surveys.sheets import parse_sheet_code, sheet_code
from tests.factories import UserFactory
from tests.surveys.conftest import answers_for

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 11, 2)


def paper_batch(item, actor, label="Biblioteket, eske 1", channel="paper"):
    return services.batch_create(item=item, actor=actor, channel=channel, label=label, received_on=DAY)


# Sheet codes --------------------------------------------------------------------------------


def test_a_sheet_code_reads_back_in_any_case_and_spacing(survey):
    code = sheet_code("s", survey.pk, 7)
    assert code.startswith("0007-") and len(code) == 11
    assert parse_sheet_code("s", survey.pk, code.lower().replace("-", " ")) == code


def test_a_typo_another_survey_or_a_vote_is_not_a_code(survey):
    code = sheet_code("s", survey.pk, 7)
    typo = code[:-1] + ("A" if code[-1] != "A" else "C")
    assert parse_sheet_code("s", survey.pk, typo) is None
    assert parse_sheet_code("s", survey.pk + 1, code) is None
    assert parse_sheet_code("v", survey.pk, code) is None
    assert parse_sheet_code("s", survey.pk, "0000-AAAA-A") is None
    assert parse_sheet_code("s", survey.pk, "") is None


def test_codes_of_one_survey_are_all_different(survey):
    codes = {sheet_code("s", survey.pk, n) for n in range(1, 501)}
    assert len(codes) == 500


# Permissions --------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["stella", "nora", "olga", "tom"])
def test_facilitators_may_enter(request, survey, vote, who):
    user = request.getfixturevalue(who)
    assert user.has_perm("surveys.enter_survey_answers", survey)
    assert user.has_perm("surveys.enter_vote_answers", vote)


@pytest.mark.parametrize("who", ["mia", "sven", "vic", "bob"])
def test_others_may_not_enter(request, survey, vote, questions, stella, who):
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        paper_batch(survey, user)
    batch = paper_batch(survey, stella)
    with pytest.raises(PermissionDenied):
        services.sheet_enter(
            batch=batch, actor=user, answers=answers_for(questions), sheet_code=sheet_code("s", survey.pk, 1)
        )
    assert not Response.objects.exists()


@pytest.mark.parametrize(("who", "status"), [("stella", 200), ("tom", 200), ("mia", 403), ("sven", 403)])
def test_paper_pages_for_facilitators_only(client, request, oslo, survey, vote, who, status):
    client.force_login(request.getfixturevalue(who))
    for name, pk in [("paper", survey.pk), ("paper_print", survey.pk), ("vote_paper", vote.pk)]:
        assert client.get(reverse(f"hubs:surveys:{name}", args=[oslo.slug, pk])).status_code == status


def test_paper_pages_need_sign_in(client, oslo, survey):
    assert client.get(reverse("hubs:surveys:paper", args=[oslo.slug, survey.pk])).status_code == 302


# Batches and sheets ------------------------------------------------------------------------


def test_a_batch_entered_twice_is_refused(survey, stella, tom):
    paper_batch(survey, stella)
    with pytest.raises(ValidationError) as caught:
        paper_batch(survey, tom, label="biblioteket, ESKE 1")
    assert "already been entered" in caught.value.message_dict["label"][0]
    assert Batch.objects.count() == 1


def test_the_same_label_in_another_survey_is_fine(survey, vote, stella):
    paper_batch(survey, stella)
    paper_batch(vote, stella)
    assert Batch.objects.count() == 2


@pytest.mark.parametrize(
    ("fields", "key"),
    [({"channel": "online"}, "channel"), ({"channel": "fax"}, "channel"), ({"label": "  "}, "label")],
)
def test_a_bad_batch_is_refused(survey, stella, fields, key):
    values = {"channel": "paper", "label": "Eske 2", **fields}
    with pytest.raises(ValidationError) as caught:
        services.batch_create(item=survey, actor=stella, received_on=DAY, **values)
    assert key in caught.value.message_dict
    assert not Batch.objects.exists()


def test_a_sheet_is_entered_with_its_channel_batch_and_code(survey, questions, stella):
    batch = paper_batch(survey, stella)
    code = sheet_code("s", survey.pk, 3)
    response = services.sheet_enter(
        batch=batch, actor=stella, answers=answers_for(questions, text=""), sheet_code=code.lower()
    )
    assert (response.channel, response.batch, response.sheet_code, response.respondent) == (
        "paper",
        batch,
        code,
        None,
    )
    assert response.answers.count() == len(questions) - 1


def test_a_sheet_code_reused_is_refused(survey, questions, stella, tom):
    batch = paper_batch(survey, stella)
    code = sheet_code("s", survey.pk, 3)
    services.sheet_enter(batch=batch, actor=stella, answers=answers_for(questions), sheet_code=code)
    other = paper_batch(survey, tom, label="Eske 2")
    with pytest.raises(ValidationError) as caught:
        services.sheet_enter(batch=other, actor=tom, answers=answers_for(questions), sheet_code=code)
    assert "already been entered" in caught.value.message_dict["sheet_code"][0]
    assert Response.objects.count() == 1


@pytest.mark.parametrize("code", ["", "0003-XXXX-X", "hello"])
def test_paper_needs_a_valid_code(survey, questions, stella, code):
    batch = paper_batch(survey, stella)
    with pytest.raises(ValidationError) as caught:
        services.sheet_enter(batch=batch, actor=stella, answers=answers_for(questions), sheet_code=code)
    assert "sheet_code" in caught.value.message_dict
    assert not Response.objects.exists()


def test_a_workshop_answer_needs_no_code(survey, questions, stella):
    batch = paper_batch(survey, stella, channel="workshop")
    response = services.sheet_enter(batch=batch, actor=stella, answers=answers_for(questions))
    assert response.channel == "workshop" and response.sheet_code == ""


def test_a_bad_answer_on_a_sheet_saves_nothing(survey, questions, stella):
    batch = paper_batch(survey, stella)
    with pytest.raises(ValidationError):
        services.sheet_enter(
            batch=batch,
            actor=stella,
            answers=answers_for(questions, single="9"),
            sheet_code=sheet_code("s", survey.pk, 1),
        )
    assert not Response.objects.exists()


def test_a_paper_ballot_counts_once(vote, stella):
    batch = paper_batch(vote, stella, label="Verksted 12. mai", channel="paper")
    concept = vote.concepts.first()
    code = sheet_code("v", vote.pk, 1)
    ballot = services.ballot_enter(batch=batch, actor=stella, concept=concept, sheet_code=code)
    assert ballot.voter is None and ballot.channel == "paper"
    with pytest.raises(ValidationError):
        services.ballot_enter(batch=batch, actor=stella, concept=concept, sheet_code=code)
    with pytest.raises(ValidationError):  # a survey's code is not a vote's
        services.ballot_enter(
            batch=batch, actor=stella, concept=concept, sheet_code=sheet_code("s", vote.pk, 2)
        )
    assert Ballot.objects.count() == 1


def test_a_ballot_for_another_votes_concept_is_refused(vote, space, stella):
    from tests.surveys.conftest import make_vote

    other = make_vote(space, title="Other")
    batch = paper_batch(vote, stella, channel="workshop")
    with pytest.raises(ValidationError) as caught:
        services.ballot_enter(batch=batch, actor=stella, concept=other.concepts.first())
    assert "concept" in caught.value.message_dict
    assert not Ballot.objects.exists()


def test_nothing_is_entered_into_a_draft(space, stella):
    from tests.surveys.conftest import make_survey

    draft = make_survey(space, status="draft")
    with pytest.raises(ValidationError):
        paper_batch(draft, stella)


# Views ---------------------------------------------------------------------------------------


def test_facilitator_enters_a_batch_through_the_pages(client, oslo, survey, questions, stella):
    client.force_login(stella)
    page = client.post(
        reverse("hubs:surveys:paper", args=[oslo.slug, survey.pk]),
        {"channel": "paper", "label": "Eske 1", "received_on": "2026-11-02", "expected_sheets": "20"},
    )
    batch = Batch.objects.get()
    enter = reverse("hubs:surveys:paper_enter", args=[oslo.slug, survey.pk, batch.pk])
    assert page.status_code == 302 and page["Location"] == enter
    post = {
        "sheet_code": sheet_code("s", survey.pk, 1),
        f"q{questions['single'].pk}": "0",
        f"q{questions['scale'].pk}": "5",
    }
    assert client.post(enter, post).status_code == 302
    again = client.post(enter, post)
    assert again.status_code == 400
    assert "has already been entered" in again.content.decode()
    twice = client.post(
        reverse("hubs:surveys:paper", args=[oslo.slug, survey.pk]),
        {"channel": "paper", "label": "Eske 1", "received_on": "2026-11-02"},
    )
    assert twice.status_code == 400
    assert Response.objects.count() == 1 and Batch.objects.count() == 1


def test_bad_batch_form_input_is_a_400(client, oslo, survey, stella):
    client.force_login(stella)
    url = reverse("hubs:surveys:paper", args=[oslo.slug, survey.pk])
    assert client.post(url, {"channel": "paper", "label": "x", "received_on": "nope"}).status_code == 400
    assert (
        client.post(
            url, {"channel": "paper", "label": "x", "received_on": "2026-11-02", "expected_sheets": "-3"}
        ).status_code
        == 400
    )
    assert not Batch.objects.exists()


def test_the_printable_version_has_one_coded_sheet_per_page(client, oslo, survey, questions, stella):
    client.force_login(stella)
    page = client.get(
        reverse("hubs:surveys:paper_print", args=[oslo.slug, survey.pk]), {"sheets": "3", "start": "11"}
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count('class="paper-sheet"') == 3
    for n in (11, 12, 13):
        assert sheet_code("s", survey.pk, n) in html
    assert sheet_code("s", survey.pk, 14) not in html
    assert questions["single"].text in html


def test_printing_is_capped(client, oslo, vote, stella):
    client.force_login(stella)
    page = client.get(reverse("hubs:surveys:vote_paper_print", args=[oslo.slug, vote.pk]), {"sheets": "600"})
    assert page.status_code == 200
    assert page.content.decode().count('class="paper-sheet"') == 500
    page = client.get(reverse("hubs:surveys:vote_paper_print", args=[oslo.slug, vote.pk]), {"sheets": "-4"})
    assert page.content.decode().count('class="paper-sheet"') == 10  # not a number: the default


# Results per channel and by group ----------------------------------------------------------


def _mixed_answers(survey, questions, stella, people):
    for person in people:
        services.response_submit(survey=survey, user=person, answers=answers_for(questions, single="0"))
    batch = paper_batch(survey, stella)
    for n in range(1, 4):
        services.sheet_enter(
            batch=batch,
            actor=stella,
            answers=answers_for(questions, single="2"),
            sheet_code=sheet_code("s", survey.pk, n),
        )


def test_results_per_channel(client, oslo, survey, questions, stella):
    _mixed_answers(survey, questions, stella, [UserFactory() for _ in range(2)])
    counts = {c["key"]: c["count"] for c in selectors.channel_counts(item=survey)}
    assert counts == {"online": 2, "paper": 3, "workshop": 0, "interview": 0}
    paper = selectors.survey_results(survey=survey, channel="paper")
    single = next(q for q in paper["questions"] if q["kind"] == "single")
    assert paper["response_count"] == 3
    assert [o["count"] for o in single["options"]] == [0, 0, 3]
    online = selectors.survey_results(survey=survey, channel="online")
    assert [o["count"] for o in next(q for q in online["questions"] if q["kind"] == "single")["options"]] == [
        2,
        0,
        0,
    ]
    client.force_login(stella)
    page = client.get(reverse("hubs:surveys:results", args=[oslo.slug, survey.pk]), {"channel": "paper"})
    assert page.status_code == 200
    assert "3 responses" in page.content.decode()
    assert (
        client.get(reverse("hubs:surveys:results", args=[oslo.slug, survey.pk]), {"channel": "x"}).status_code
        == 200
    )


def test_vote_results_per_channel(vote, stella, mia):
    concepts = list(vote.concepts.all())
    services.ballot_cast(vote=vote, user=mia, concept=concepts[0])
    batch = paper_batch(vote, stella, channel="workshop")
    for _ in range(2):
        services.ballot_enter(batch=batch, actor=stella, concept=concepts[1])
    workshop = selectors.vote_results(vote=vote, channel="workshop")
    assert workshop["total"] == 2
    assert [c["votes"] for c in workshop["concepts"]] == [0, 2, 0]
    assert [c["votes"] for c in selectors.vote_results(vote=vote)["concepts"]] == [1, 2, 0]


@pytest.fixture
def groups(oslo, stella):
    level = AreaLevel.objects.create(hub=oslo, slug="bydel", name="Bydel", depth=1)
    Area.objects.create(hub=oslo, level=level, code="grorud", name="Grorud")
    resident_services.settings_update(hub=oslo, actor=stella, enabled=True)
    return {q.kind: q for q in resident_selectors.active_questions(hub=oslo)}


def test_paper_sheet_keeps_its_groups_and_a_bad_group_saves_nothing(survey, questions, stella, groups):
    batch = paper_batch(survey, stella)
    age = groups["age"]
    with pytest.raises(ValidationError) as caught:
        services.sheet_enter(
            batch=batch,
            actor=stella,
            answers=answers_for(questions),
            sheet_code=sheet_code("s", survey.pk, 1),
            groups={age.field: "150+"},
        )
    assert age.field in caught.value.message_dict
    assert not Response.objects.exists()
    response = services.sheet_enter(
        batch=batch,
        actor=stella,
        answers=answers_for(questions),
        sheet_code=sheet_code("s", survey.pk, 1),
        groups={age.field: "65-79"},
    )
    assert response.groups == {str(age.id): "65-79"}


def test_online_answer_with_a_bad_group_saves_nothing(survey, questions, mia, groups):
    with pytest.raises(ValidationError):
        services.response_submit(
            survey=survey, user=mia, answers=answers_for(questions), groups={groups["area"].field: "nowhere"}
        )
    assert not Response.objects.exists()
    assert not resident_selectors.answers_of(person=mia, hub=survey.hub)


def test_vote_results_by_group(client, oslo, vote, stella, groups):
    concepts = list(vote.concepts.all())
    age = groups["age"]
    batch = paper_batch(vote, stella, channel="workshop")
    cases = [
        (concepts[0], "20-34", 6),
        (concepts[1], "20-34", 5),
        (concepts[0], "65-79", 2),
        (concepts[2], "35-49", 5),
    ]
    for concept, band, n in cases:
        for _ in range(n):
            services.ballot_enter(batch=batch, actor=stella, concept=concept, groups={age.field: band})
    breakdown = next(b for b in selectors.vote_group_breakdowns(vote=vote) if b.question.kind == "age")
    rows = {row.key: row for row in breakdown.rows}
    assert rows["20-34"].total == 11 and rows["20-34"].cells == [6, 5, 0]
    assert rows["65-79"].total is None  # fewer than 5
    assert rows["35-49"].total is None  # its complement: else 2 = 18 - 11 - 5
    client.force_login(stella)
    page = client.get(reverse("hubs:surveys:vote_results", args=[oslo.slug, vote.pk]))
    html = page.content.decode()
    assert "By resident group" in html and "fewer than 5" in html


def test_survey_results_by_group_on_the_page(client, oslo, survey, questions, stella, groups):
    batch = paper_batch(survey, stella, channel="interview")
    for _n in range(6):
        services.sheet_enter(
            batch=batch, actor=stella, answers=answers_for(questions), groups={groups["age"].field: "35-49"}
        )
    client.force_login(stella)
    html = client.get(reverse("hubs:surveys:results", args=[oslo.slug, survey.pk])).content.decode()
    assert "By resident group" in html
    assert f"{questions['single'].text} — {groups['age'].text}" in html


def test_vote_results_page_queries_do_not_grow(client, oslo, vote, stella, groups):
    concepts = list(vote.concepts.all())
    batch = paper_batch(vote, stella, channel="workshop")
    client.force_login(stella)
    url = reverse("hubs:surveys:vote_results", args=[oslo.slug, vote.pk])

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    services.ballot_enter(
        batch=batch, actor=stella, concept=concepts[0], groups={groups["age"].field: "20-34"}
    )
    few = count()
    for concept in concepts * 7:
        services.ballot_enter(
            batch=batch, actor=stella, concept=concept, groups={groups["age"].field: "35-49"}
        )
    assert count() == few


# One anonymous answer per browser ----------------------------------------------------------


def _post_answers(client, oslo, survey, questions):
    post = {f"q{questions['single'].pk}": "1", f"q{questions['scale'].pk}": "3"}
    for question in questions.values():
        question.required = question.kind in ("single", "scale")
        question.save(update_fields=["required"])
    return client.post(reverse("hubs:surveys:survey", args=[oslo.slug, survey.pk]), post)


def test_the_same_browser_cannot_answer_twice_anonymously(client, oslo, space, settings):
    from django.test import Client

    from apps.surveys.models import DeviceMarker
    from tests.surveys.conftest import add_questions, make_survey

    settings.SURVEY_ANON_RATE = "100/h"
    survey = make_survey(space, allow_anonymous=True)
    questions = add_questions(survey)
    page = client.get(reverse("hubs:surveys:survey", args=[oslo.slug, survey.pk]))
    cookie = page.cookies["alm_device"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert _post_answers(client, oslo, survey, questions).status_code == 302
    again = _post_answers(client, oslo, survey, questions)
    assert again.status_code == 400
    assert "already been answered from this browser" in again.content.decode()
    other = Client()  # another browser from the same address
    other.get(reverse("hubs:surveys:survey", args=[oslo.slug, survey.pk]))
    assert _post_answers(other, oslo, survey, questions).status_code == 302
    assert Response.objects.filter(survey=survey).count() == 2
    assert DeviceMarker.objects.count() == 2
    # A forged cookie is not a device: it gets a fresh one and no marker.
    forged = Client()
    forged.cookies["alm_device"] = "0" * 32
    assert _post_answers(forged, oslo, survey, questions).status_code == 302
    assert DeviceMarker.objects.count() == 2


@pytest.mark.dates
def test_device_markers_are_purged_after_retention(space, clock):
    from django.utils import timezone

    from apps.surveys.models import DeviceMarker
    from tests.surveys.conftest import make_survey

    survey = make_survey(space, allow_anonymous=True)
    now = timezone.now()
    DeviceMarker.objects.create(survey=survey, device="a" * 64, created_at=now - datetime.timedelta(days=100))
    DeviceMarker.objects.create(survey=survey, device="b" * 64, created_at=now)
    assert services.purge_device_markers(before=now - datetime.timedelta(days=90)) == 1
    assert list(DeviceMarker.objects.values_list("device", flat=True)) == ["b" * 64]
