"""The rules as tables: every role against every action, in an initiative's space and the hub's."""

import pytest
from django.contrib.auth.models import AnonymousUser

from apps.participation.spaces import Space
from apps.surveys.models import Status
from tests.surveys.conftest import make_survey, make_vote

ROLES = ["stella", "nora", "olga", "tom", "mia", "vic", "sven", "anonymous"]


def person(request, role):
    return AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)


# role: may create/edit/open/close in the initiative's space, and in the hub's own space
ORGANISE = {
    "stella": (True, True),
    "nora": (True, True),
    "olga": (True, False),
    "tom": (True, False),
    "mia": (False, False),
    "vic": (False, False),
    "sven": (False, False),
    "anonymous": (False, False),
}


@pytest.mark.parametrize("role", ROLES)
def test_who_organises(request, role, oslo, space):
    user = person(request, role)
    in_initiative, in_hub = ORGANISE[role]
    hub_space = Space(hub=oslo)
    survey, vote = make_survey(space), make_vote(space)
    hub_survey = make_survey(hub_space)
    assert user.has_perm("surveys.add_survey", space) is in_initiative
    assert user.has_perm("surveys.add_vote", space) is in_initiative
    assert user.has_perm("surveys.change_survey", survey) is in_initiative
    assert user.has_perm("surveys.change_vote", vote) is in_initiative
    assert user.has_perm("surveys.export_responses", survey) is in_initiative
    assert user.has_perm("surveys.add_survey", hub_space) is in_hub
    assert user.has_perm("surveys.change_survey", hub_survey) is in_hub


# role: answer a survey that needs sign-in, one that allows anonymous answers, cast a ballot
ANSWER = {
    "stella": (True, True, True),
    "nora": (True, True, True),
    "olga": (True, True, True),
    "tom": (True, True, True),
    "mia": (True, True, True),
    "vic": (True, True, True),
    "sven": (True, True, True),
    "anonymous": (False, True, False),
}


@pytest.mark.parametrize("role", ROLES)
def test_who_answers(request, role, space):
    user = person(request, role)
    signed_in, anonymous_ok, ballot = ANSWER[role]
    assert user.has_perm("surveys.answer_survey", make_survey(space)) is signed_in
    assert user.has_perm("surveys.answer_survey", make_survey(space, allow_anonymous=True)) is anonymous_ok
    assert user.has_perm("surveys.cast_ballot", make_vote(space)) is ballot


# role: see respondents' names in the CSV (moderators only)
NAMES = {"stella": True, "nora": True, "olga": False, "tom": False, "mia": False, "vic": False, "sven": False}


@pytest.mark.parametrize("role", list(NAMES))
def test_who_sees_names(request, role, space):
    assert (
        request.getfixturevalue(role).has_perm("surveys.see_respondents", make_survey(space)) is NAMES[role]
    )


@pytest.mark.parametrize(
    ("status", "live", "public_survey", "public_vote"),
    [
        (Status.DRAFT, False, False, False),
        (Status.OPEN, False, False, False),
        (Status.OPEN, True, False, True),
        (Status.CLOSED, False, True, True),
    ],
)
def test_results_are_public_when_finished(
    request, space, status, live, public_survey, public_vote, mia, stella
):
    survey = make_survey(space, status=status)
    vote = make_vote(space, status=status, results_live=live)
    for user in (AnonymousUser(), mia):
        assert user.has_perm("surveys.view_survey_results", survey) is public_survey
        assert user.has_perm("surveys.view_vote_results", vote) is public_vote
        assert user.has_perm("surveys.view_survey", survey) is (status != Status.DRAFT)
    assert stella.has_perm("surveys.view_survey_results", survey)
    assert stella.has_perm("surveys.view_vote_results", vote)
