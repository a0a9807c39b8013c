"""One sheet entered by eight facilitators at once counts once; a batch started twice at once
exists once. Runs on SQLite and PostgreSQL (DATABASE_URL)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from apps.accounts.models import User
from apps.surveys import services
from apps.surveys.models import Ballot, Batch, ConceptVote, Response
from apps.surveys.sheets import sheet_code
from tests.hubs.test_concurrency import at_once, split
from tests.surveys.conftest import add_questions, answers_for, make_survey, make_vote

pytestmark = pytest.mark.django_db(transaction=True)
DAY = datetime.date(2026, 11, 2)


def test_one_sheet_entered_in_eight_threads_counts_once(space, stella):
    survey = make_survey(space)
    questions = add_questions(survey)
    batch = services.batch_create(item=survey, actor=stella, channel="paper", label="Eske 1", received_on=DAY)
    code = sheet_code("s", survey.pk, 5)

    def enter(index: int) -> Response:
        fresh = Batch.objects.select_related("survey__hub", "survey__initiative", "survey__area").get(
            pk=batch.pk
        )
        return services.sheet_enter(
            batch=fresh,
            actor=User.objects.get(pk=stella.pk),
            answers=answers_for(questions, scale=str(1 + index % 5)),
            sheet_code=code,
        )

    wins, losses = split(at_once(enter), Response)
    assert len(wins) == 1
    assert all(type(loss) is ValidationError and "sheet_code" in loss.message_dict for loss in losses), losses
    assert Response.objects.filter(survey=survey, sheet_code=code).count() == 1


def test_one_ballot_sheet_in_eight_threads_counts_once(space, stella):
    vote = make_vote(space)
    batch = services.batch_create(item=vote, actor=stella, channel="paper", label="Eske 1", received_on=DAY)
    code = sheet_code("v", vote.pk, 9)

    def enter(index: int) -> Ballot:
        fresh = Batch.objects.select_related("vote__hub", "vote__initiative", "vote__area").get(pk=batch.pk)
        concept = ConceptVote.objects.get(pk=vote.pk).concepts.all()[index % 3]
        return services.ballot_enter(
            batch=fresh, actor=User.objects.get(pk=stella.pk), concept=concept, sheet_code=code
        )

    wins, losses = split(at_once(enter), Ballot)
    assert len(wins) == 1
    assert all(type(loss) is ValidationError for loss in losses), losses
    assert Ballot.objects.filter(vote=vote).count() == 1


def test_one_batch_started_in_eight_threads_exists_once(space, stella):
    survey = make_survey(space)

    def start(index: int) -> Batch:
        return services.batch_create(
            item=survey.__class__.objects.select_related("hub", "initiative", "area").get(pk=survey.pk),
            actor=User.objects.get(pk=stella.pk),
            channel="paper",
            label="Eske 1",
            received_on=DAY,
        )

    wins, losses = split(at_once(start), Batch)
    assert len(wins) == 1
    assert all(type(loss) is ValidationError for loss in losses), losses
    assert Batch.objects.count() == 1
