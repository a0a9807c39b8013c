"""Many requests at once: one response and one ballot per person, exact counts.

Runs on SQLite and PostgreSQL (DATABASE_URL). The same person submitting in 8 threads gets one
response (the rest a "duplicate" ValidationError, never an IntegrityError or a lock error);
8 different people at once are all counted, exactly.
"""

import pytest
from django.core.exceptions import ValidationError

from apps.accounts.models import User
from apps.surveys import services
from apps.surveys.models import Answer, Ballot, ConceptVote, Response, Survey
from tests.factories import UserFactory
from tests.hubs.test_concurrency import THREADS, at_once, split
from tests.surveys.conftest import add_questions, answers_for, make_survey, make_vote

pytestmark = pytest.mark.django_db(transaction=True)


def test_one_person_answering_in_eight_threads_makes_one_response(space, mia):
    survey = make_survey(space)
    questions = add_questions(survey)

    def answer(index: int) -> Response:
        return services.response_submit(
            survey=Survey.objects.select_related("hub", "initiative", "area").get(pk=survey.pk),
            user=User.objects.get(pk=mia.pk),
            answers=answers_for(questions, scale=str(1 + index % 5)),
        )

    wins, losses = split(at_once(answer), Response)
    assert len(wins) == 1
    assert all(type(loss) is ValidationError and loss.code == "duplicate" for loss in losses), losses
    assert Response.objects.filter(survey=survey).count() == 1
    assert Answer.objects.filter(question=questions["scale"]).count() == 1
    assert Answer.objects.count() == len(questions)


def test_eight_people_answering_at_once_are_all_counted(space):
    survey = make_survey(space)
    questions = add_questions(survey)
    people = [UserFactory() for _ in range(THREADS)]

    def answer(index: int) -> Response:
        return services.response_submit(
            survey=Survey.objects.select_related("hub", "initiative", "area").get(pk=survey.pk),
            user=User.objects.get(pk=people[index].pk),
            answers=answers_for(questions, single=str(index % 3)),
        )

    _wins, losses = split(at_once(answer), Response)
    assert losses == []
    assert Response.objects.filter(survey=survey).count() == THREADS
    counts = sorted(Answer.objects.filter(question=questions["single"]).values_list("choices", flat=True))
    assert counts == sorted([[i % 3] for i in range(THREADS)])


def test_one_person_voting_in_eight_threads_votes_once(space, mia):
    vote = make_vote(space)
    concepts = list(vote.concepts.values_list("pk", flat=True))

    def cast(index: int) -> Ballot:
        fresh = ConceptVote.objects.select_related("hub", "initiative", "area").get(pk=vote.pk)
        return services.ballot_cast(
            vote=fresh,
            user=User.objects.get(pk=mia.pk),
            concept=fresh.concepts.get(pk=concepts[index % len(concepts)]),
        )

    wins, losses = split(at_once(cast), Ballot)
    assert len(wins) == 1
    assert all(type(loss) is ValidationError and loss.code == "duplicate" for loss in losses), losses
    assert Ballot.objects.filter(vote=vote).count() == 1


def test_sixteen_voters_at_once_give_exact_counts(space):
    vote = make_vote(space)
    concepts = list(vote.concepts.values_list("pk", flat=True))
    threads = 16
    people = [UserFactory() for _ in range(threads // 2)]

    def cast(index: int) -> Ballot:
        # Each person tries twice at the same moment: 8 ballots, never 16.
        fresh = ConceptVote.objects.select_related("hub", "initiative", "area").get(pk=vote.pk)
        person = people[index % len(people)]
        return services.ballot_cast(
            vote=fresh,
            user=User.objects.get(pk=person.pk),
            concept=fresh.concepts.get(pk=concepts[(index % len(people)) % 3]),
        )

    wins, losses = split(at_once(cast, threads=threads), Ballot)
    assert len(wins) == len(people)
    assert all(type(loss) is ValidationError and loss.code == "duplicate" for loss in losses), losses
    expected = [sum(1 for n in range(len(people)) if n % 3 == i) for i in range(3)]
    assert [Ballot.objects.filter(concept_id=pk).count() for pk in concepts] == expected


def test_confirming_to_join_in_eight_threads_adds_one_team_member(space, vic, initiative):
    from apps.initiatives.models import TeamMember

    vote = make_vote(space)
    services.ballot_cast(vote=vote, user=vic, concept=vote.concepts.first(), wants_to_join=True)

    def confirm(_index: int) -> Ballot:
        fresh = ConceptVote.objects.select_related("hub", "initiative", "area").get(pk=vote.pk)
        return services.ballot_confirm_join(vote=fresh, user=User.objects.get(pk=vic.pk))

    _wins, losses = split(at_once(confirm), Ballot)
    assert losses == [], losses
    assert TeamMember.objects.filter(initiative=initiative, user=vic).count() == 1
