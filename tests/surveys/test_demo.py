"""The demo seeds votes, ballots and responses once, in an initiative when there is one."""

import io

import pytest

from apps.initiatives.models import TeamMember
from apps.surveys import demo
from apps.surveys.models import Ballot, ConceptVote, Response, Survey


@pytest.mark.django_db
def test_demo_is_idempotent(oslo, sodertorn, initiative, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    demo.seed(stdout=io.StringIO())
    vote = ConceptVote.objects.get()
    assert vote.initiative == initiative and vote.concepts.count() == 3
    assert all(c.image and c.image_alt for c in vote.concepts.all())
    assert Ballot.objects.count() == 60
    joined = Ballot.objects.filter(join_confirmed_at__isnull=False).values_list("voter", flat=True)
    assert joined and set(joined) <= set(TeamMember.objects.values_list("user", flat=True))
    oslo_survey = Survey.objects.get(hub=oslo)
    assert {q.kind for q in oslo_survey.questions.all()} == {
        "single",
        "multiple",
        "ranking",
        "scale",
        "text",
        "point",
    }
    assert oslo_survey.responses.count() == 40
    assert Survey.objects.get(hub=sodertorn).responses.count() == 18
    demo.seed(stdout=io.StringIO())
    assert (ConceptVote.objects.count(), Ballot.objects.count(), Response.objects.count()) == (1, 60, 58)
