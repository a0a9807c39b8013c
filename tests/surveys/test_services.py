"""Services: every question type validated, one response and one ballot per person, the
project-group flow, images, and the results math."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from apps.initiatives.models import TeamMember
from apps.participation.spaces import Space
from apps.surveys import selectors, services
from apps.surveys.models import Answer, Ballot, Concept, Question, Response, Status
from tests.files import huge_png
from tests.surveys.conftest import OUTSIDE, answers_for, make_survey, make_vote, png_bytes

pytestmark = pytest.mark.django_db


def submit(survey, user, questions, **overrides):
    return services.response_submit(survey=survey, user=user, answers=answers_for(questions, **overrides))


def error_for(exc: ValidationError, question: Question) -> str:
    return " ".join(exc.message_dict[f"q{question.pk}"])


def test_a_full_response_is_saved_with_one_answer_per_question(survey, questions, mia):
    response = submit(survey, mia, questions)
    answers = {a.question.kind: a for a in response.answers.select_related("question")}
    assert answers["single"].choices == [1]
    assert answers["multiple"].choices == [0, 2]
    assert answers["ranking"].choices == [1, 0, 2]  # ranks 2, 1, 3 → option 1 first
    assert answers["scale"].number == 4
    assert answers["text"].text == "More trees, please."
    assert (answers["point"].lon, answers["point"].lat) == (10.75, 59.92)


def test_a_second_response_is_refused_and_nothing_is_counted_twice(survey, questions, mia):
    submit(survey, mia, questions)
    with pytest.raises(ValidationError) as exc:
        submit(survey, mia, questions, scale="1")
    assert exc.value.code == "duplicate"
    assert "already answered" in exc.value.messages[0]
    assert Response.objects.filter(survey=survey).count() == 1
    assert Answer.objects.filter(question=questions["scale"]).get().number == 4


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("single", "3"),
        ("single", "-1"),
        ("single", "abc"),
        ("multiple", ["0", "9"]),
        ("ranking", ["1", "1", "2"]),  # not a permutation
        ("ranking", ["1", "2"]),  # one missing
        ("ranking", ["1", "2", "4"]),
        ("ranking", ["0", "1", "2"]),
        ("ranking", ["1", "2", ""]),
        ("scale", "6"),
        ("scale", "0"),
        ("scale", "3.5"),
        ("text", "x" * 5001),
        ("point", {"lon": "ten", "lat": "59.9"}),
        ("point", {"lon": "10.75", "lat": ""}),
        ("point", {"lon": "200", "lat": "59.9"}),
        ("point", {"lon": "nan", "lat": "59.9"}),
    ],
)
def test_invalid_answers_are_refused_and_nothing_is_saved(survey, questions, mia, kind, value):
    with pytest.raises(ValidationError) as exc:
        submit(survey, mia, questions, **{kind: value})
    assert list(exc.value.message_dict) == [f"q{questions[kind].pk}"]
    assert not Response.objects.exists()
    assert not Answer.objects.exists()


def test_required_questions_must_be_answered_and_optional_ones_may_be_left(survey, questions, mia):
    with pytest.raises(ValidationError) as exc:
        submit(survey, mia, questions, single="", multiple=[], ranking=["", "", ""], scale="")
    assert set(exc.value.message_dict) == {
        f"q{questions[k].pk}" for k in ("single", "multiple", "ranking", "scale")
    }
    assert "Please answer this question." in error_for(exc.value, questions["single"])
    response = submit(survey, mia, questions, text="", point={"lon": "", "lat": ""})
    assert sorted(a.question.kind for a in response.answers.select_related("question")) == [
        "multiple",
        "ranking",
        "scale",
        "single",
    ]


def test_a_map_answer_outside_the_space_is_refused(survey, questions, mia):
    with pytest.raises(ValidationError) as exc:
        submit(survey, mia, questions, point=OUTSIDE)
    assert "inside the area" in error_for(exc.value, questions["point"])
    assert not Response.objects.exists()


def test_a_map_answer_anywhere_is_fine_where_the_space_has_no_boundary(oslo, mia):
    survey = make_survey(Space(hub=oslo))
    question = Question.objects.create(survey=survey, kind="point", text="Where?")
    services.response_submit(survey=survey, user=mia, answers={question.pk: OUTSIDE})
    assert Answer.objects.get().lon == 11.5


def test_nul_characters_are_dropped_from_text(survey, questions, mia):
    response = submit(survey, mia, questions, text="a\x00b")
    assert response.answers.get(question=questions["text"]).text == "ab"


def test_closed_and_draft_surveys_take_no_answers(space, mia):
    for status in (Status.DRAFT, Status.CLOSED):
        survey = make_survey(space, status=status)
        Question.objects.create(survey=survey, kind="text", text="?")
        with pytest.raises(ValidationError) as exc:
            services.response_submit(survey=survey, user=mia, answers={})
        assert exc.value.code == "closed"
    past = make_survey(space, closes_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(ValidationError):
        services.response_submit(survey=past, user=mia, answers={})


def test_anonymous_answers_only_where_allowed(space, questions, survey):
    with pytest.raises(PermissionDenied):
        submit(survey, AnonymousUser(), questions)
    survey.allow_anonymous = True
    survey.save()
    submit(survey, AnonymousUser(), questions)
    submit(survey, AnonymousUser(), questions)
    assert Response.objects.filter(survey=survey, respondent=None).count() == 2


def test_organisers_build_a_survey_and_sven_cannot(space, tom, sven):
    survey = services.survey_create(space=space, actor=tom, title="Trafikk", intro="*Hei*")
    assert (survey.status, survey.initiative_id) == (Status.DRAFT, space.initiative.pk)
    with pytest.raises(ValidationError):
        services.survey_open(survey=survey, actor=tom)  # no questions yet
    question = services.question_add(
        survey=survey, actor=tom, kind="single", text="Bil?", options=["Ja", "Nei", " ", "Kanskje"]
    )
    assert question.options == ["Ja", "Nei", "Kanskje"]
    with pytest.raises(ValidationError) as exc:
        services.question_add(survey=survey, actor=tom, kind="ranking", text="Rank", options=["One"])
    assert "options" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.question_add(survey=survey, actor=tom, kind="scale", text="1-1", scale_min=3, scale_max=3)
    assert "scale_max" in exc.value.message_dict
    with pytest.raises(PermissionDenied):
        services.question_add(survey=survey, actor=sven, kind="text", text="Hei")
    with pytest.raises(PermissionDenied):
        services.survey_create(space=space, actor=sven, title="Nope")
    services.survey_open(survey=survey, actor=tom)
    with pytest.raises(ValidationError):
        services.question_add(survey=survey, actor=tom, kind="text", text="Too late")
    services.survey_close(survey=survey, actor=tom)
    assert survey.status == Status.CLOSED


def test_the_end_cannot_be_before_the_start(space, stella):
    now = timezone.now()
    with pytest.raises(ValidationError) as exc:
        services.survey_create(
            space=space, actor=stella, title="T", opens_at=now, closes_at=now - timedelta(days=1)
        )
    assert "closes_at" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.vote_create(
            space=space, actor=stella, title="T", opens_at=now, closes_at=now - timedelta(days=1)
        )


def test_survey_results_math(survey, questions):
    from tests.factories import UserFactory

    people = [UserFactory() for _ in range(4)]
    submit(survey, people[0], questions, single="0", multiple=["0", "1"], ranking=["1", "2", "3"], scale="5")
    submit(survey, people[1], questions, single="0", multiple=["1"], ranking=["2", "1", "3"], scale="3")
    submit(survey, people[2], questions, single="2", multiple=["1", "3"], ranking=["1", "3", "2"], scale="4")
    submit(
        survey, people[3], questions, single="1", multiple=["3"], ranking=["3", "2", "1"], scale="4", text=""
    )
    results = selectors.survey_results(survey=survey)
    assert results["response_count"] == 4
    by_kind = {q["kind"]: q for q in results["questions"]}
    assert [(o["count"], o["share"]) for o in by_kind["single"]["options"]] == [
        (2, 50.0),
        (1, 25.0),
        (1, 25.0),
    ]
    assert [o["count"] for o in by_kind["multiple"]["options"]] == [1, 3, 0, 2]
    assert by_kind["multiple"]["options"][1]["share"] == 75.0
    ranking = by_kind["ranking"]["options"]
    # Green ranks 1, 2, 1, 3; Play 2, 1, 3, 2; Quiet 3, 3, 2, 1. Points: 4 - rank.
    assert [o["mean_rank"] for o in ranking] == [1.75, 2.0, 2.25]
    assert [o["points"] for o in ranking] == [9, 8, 7]
    assert [o["first"] for o in ranking] == [2, 1, 1]
    scale = by_kind["scale"]
    assert [v["count"] for v in scale["scale"]] == [0, 0, 1, 2, 1]
    assert (scale["mean"], scale["median"]) == (4.0, 4.0)
    assert by_kind["text"]["answered"] == 3 and len(by_kind["text"]["texts"]) == 3
    assert by_kind["point"]["points"] == [[10.75, 59.92]] * 4


# Concept votes ------------------------------------------------------------------------


def test_one_ballot_each(vote, mia):
    concept = vote.concepts.first()
    services.ballot_cast(vote=vote, user=mia, concept=concept)
    with pytest.raises(ValidationError) as exc:
        services.ballot_cast(vote=vote, user=mia, concept=vote.concepts.last())
    assert exc.value.code == "duplicate"
    assert Ballot.objects.get().concept == concept


def test_a_closed_vote_refuses_with_a_clear_error(space, mia):
    for vote in (make_vote(space, status=Status.CLOSED), make_vote(space, closes_at=timezone.now())):
        with pytest.raises(ValidationError) as exc:
            services.ballot_cast(vote=vote, user=mia, concept=vote.concepts.first())
        assert exc.value.code == "closed"
        assert "closed" in exc.value.messages[0]
    assert not Ballot.objects.exists()


def test_a_concept_of_another_vote_is_refused(space, vote, mia):
    other = make_vote(space)
    with pytest.raises(ValidationError):
        services.ballot_cast(vote=vote, user=mia, concept=other.concepts.first())


def test_anonymous_people_cannot_vote(vote):
    with pytest.raises(PermissionDenied):
        services.ballot_cast(vote=vote, user=AnonymousUser(), concept=vote.concepts.first())


def test_joining_the_project_group_needs_a_confirmation(
    vote, vic, initiative, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ballot = services.ballot_cast(vote=vote, user=vic, concept=vote.concepts.first(), wants_to_join=True)
    assert ballot.wants_to_join and ballot.join_confirmed_at is None
    assert not TeamMember.objects.filter(initiative=initiative, user=vic).exists()
    assert [m.to for m in mailoutbox] == [[vic.email]]
    assert f"/oslo/surveys/votes/{vote.pk}/join/" in mailoutbox[0].body
    services.ballot_confirm_join(vote=vote, user=vic)
    assert TeamMember.objects.filter(initiative=initiative, user=vic).count() == 1
    ballot.refresh_from_db()
    assert ballot.join_confirmed_at is not None
    services.ballot_confirm_join(vote=vote, user=vic)  # twice: nothing changes
    assert TeamMember.objects.filter(initiative=initiative, user=vic).count() == 1
    assert vic.has_perm("surveys.change_vote", vote)  # now on the team


def test_nobody_joins_without_asking(vote, vic, initiative):
    services.ballot_cast(vote=vote, user=vic, concept=vote.concepts.first())
    with pytest.raises(ValidationError):
        services.ballot_confirm_join(vote=vote, user=vic)
    assert not TeamMember.objects.filter(user=vic).exists()


def test_no_project_group_outside_an_initiative(oslo, vic, mailoutbox):
    vote = make_vote(Space(hub=oslo))
    ballot = services.ballot_cast(vote=vote, user=vic, concept=vote.concepts.first(), wants_to_join=True)
    assert not ballot.wants_to_join
    assert mailoutbox == []


def test_vote_results_with_shares_and_joins(vote, initiative):
    from tests.factories import UserFactory

    concepts = list(vote.concepts.all())
    for n, index in enumerate([0, 0, 1, 0, 2, 1, 0, 0]):
        user = UserFactory()
        services.ballot_cast(vote=vote, user=user, concept=concepts[index], wants_to_join=n < 3)
        if n < 2:
            services.ballot_confirm_join(vote=vote, user=user)
    results = selectors.vote_results(vote=vote)
    assert results["total"] == 8
    assert [(c["votes"], c["share"]) for c in results["concepts"]] == [(5, 62.5), (2, 25.0), (1, 12.5)]
    assert [c["leading"] for c in results["concepts"]] == [True, False, False]
    assert (results["asked_to_join"], results["joined"]) == (3, 2)


def test_a_vote_opens_with_two_concepts_only(space, stella):
    vote = make_vote(space, status=Status.DRAFT, concepts=1)
    with pytest.raises(ValidationError):
        services.vote_open(vote=vote, actor=stella)
    services.concept_add(vote=vote, actor=stella, title="Second")
    services.vote_open(vote=vote, actor=stella)
    with pytest.raises(ValidationError):
        services.concept_add(vote=vote, actor=stella, title="Late")


def test_concept_images_are_checked_by_pillow(space, stella, settings):
    vote = make_vote(space, status=Status.DRAFT, concepts=0)
    fake = SimpleUploadedFile("concept.png", b"just some text, not a picture", content_type="image/png")
    with pytest.raises(ValidationError) as exc:
        services.concept_add(vote=vote, actor=stella, title="Fake", image=fake, image_alt="A yard")
    assert "image" in exc.value.message_dict
    empty = SimpleUploadedFile("empty.png", b"", content_type="image/png")
    with pytest.raises(ValidationError):
        services.concept_add(vote=vote, actor=stella, title="Empty", image=empty, image_alt="A yard")
    settings.MAX_UPLOAD_SIZE = 100
    big = SimpleUploadedFile("big.png", png_bytes(size=(400, 400)), content_type="image/png")
    with pytest.raises(ValidationError) as exc:
        services.concept_add(vote=vote, actor=stella, title="Big", image=big, image_alt="A yard")
    assert "too large" in " ".join(exc.value.message_dict["image"])
    settings.MAX_UPLOAD_SIZE = 10 * 1024 * 1024
    huge = huge_png("concept.png")
    with pytest.raises(ValidationError) as exc:
        services.concept_add(vote=vote, actor=stella, title="Huge", image=huge, image_alt="A yard")
    assert "too many pixels" in " ".join(exc.value.message_dict["image"])
    no_alt = SimpleUploadedFile("ok.png", png_bytes(), content_type="image/png")
    with pytest.raises(ValidationError) as exc:
        services.concept_add(vote=vote, actor=stella, title="No alt", image=no_alt, image_alt=" ")
    assert "image_alt" in exc.value.message_dict
    assert not Concept.objects.exists()
    good = SimpleUploadedFile("ok.png", png_bytes(), content_type="image/png")
    concept = services.concept_add(
        vote=vote, actor=stella, title="Good", image=good, image_alt="A green yard"
    )
    assert concept.image.name.endswith(".png")
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / concept.image.name).exists()
