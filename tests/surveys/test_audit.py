"""Closing a survey or a concept vote closes a decision: recorded, and the people who took part
hear where the results are."""

import pytest
from django.core.exceptions import PermissionDenied

from apps.audit.models import AuditEntry
from apps.notifications.models import Notification
from apps.surveys import services
from tests.surveys.conftest import answers_for


def test_closing_a_survey_is_recorded_and_respondents_are_told(survey, questions, olga, mia, vic):
    services.response_submit(survey=survey, user=mia, answers=answers_for(questions))
    services.survey_close(survey=survey, actor=olga)
    entry = AuditEntry.objects.get(action="surveys.survey_close")
    assert entry.actor == olga and entry.hub == survey.hub
    assert list(Notification.objects.filter(kind="survey").values_list("recipient", flat=True)) == [mia.pk]


def test_closing_a_vote_is_recorded_and_voters_are_told(vote, olga, mia):
    services.ballot_cast(vote=vote, user=mia, concept=vote.concepts.first())
    services.vote_close(vote=vote, actor=olga)
    assert AuditEntry.objects.filter(action="surveys.vote_close", actor=olga).count() == 1
    assert Notification.objects.filter(kind="survey", recipient=mia, title__contains=vote.title).exists()


def test_a_refused_close_leaves_no_entry(survey, mia):
    with pytest.raises(PermissionDenied):
        services.survey_close(survey=survey, actor=mia)
    assert not AuditEntry.objects.exists()
