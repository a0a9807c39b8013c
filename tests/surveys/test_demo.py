"""The demo seeds votes, ballots and responses once, in an initiative when there is one."""

import io

import pytest

from apps.initiatives.models import TeamMember
from apps.surveys import demo
from apps.surveys.models import Ballot, Batch, ConceptVote, Response, Survey


@pytest.mark.django_db
def test_demo_is_idempotent(oslo, sodertorn, initiative, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    demo.seed(stdout=io.StringIO())
    vote = ConceptVote.objects.get()
    assert vote.is_accepting()  # open: the demo visitor can vote
    assert vote.initiative == initiative and vote.concepts.count() == 3
    assert all(c.image and c.image_alt for c in vote.concepts.all())
    assert (
        Ballot.objects.count() == 54
    )  # 30 online (the first 30 people are left to try it), 24 from a workshop
    assert Ballot.objects.filter(channel="workshop", voter__isnull=True).count() == 24
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
    assert oslo_survey.responses.count() == 28  # the first 32 of 60 people are left to try it
    sodertorn_survey = Survey.objects.get(hub=sodertorn)
    assert sodertorn_survey.responses.count() == 18 + 22 + 6  # online, two paper batches, interviews
    codes = list(sodertorn_survey.responses.filter(channel="paper").values_list("sheet_code", flat=True))
    assert len(set(codes)) == 22 and all(codes)
    demo.seed(stdout=io.StringIO())
    assert (ConceptVote.objects.count(), Ballot.objects.count(), Response.objects.count()) == (1, 54, 74)
    assert Batch.objects.count() == 4
