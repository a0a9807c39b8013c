"""Each service that changes who takes part or what is published leaves one audit entry."""

import pytest

from apps.audit.models import AuditEntry
from apps.dialogues import services

pytestmark = pytest.mark.django_db


def actions():
    return list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))


def test_participants_are_audited(dialogue, stella, with_parties):
    assert actions() == ["dialogues.participant_add", "dialogues.participant_add"]
    services.participant_remove(participant=with_parties["landowner"], actor=stella)
    assert actions()[-1] == "dialogues.participant_remove"
    entry = AuditEntry.objects.order_by("pk").last()
    assert entry.actor == stella and "Acme Byutvikling" in entry.target_repr


def test_publication_is_audited_once_per_change(dialogue, stella):
    services.publication_set(dialogue=dialogue, actor=stella, parts=["summary"])
    services.publication_set(dialogue=dialogue, actor=stella, parts=["summary"])  # no change
    services.publication_set(dialogue=dialogue, actor=stella, parts=["summary", "values"])
    services.publication_set(dialogue=dialogue, actor=stella, parts=[])
    assert actions() == ["dialogues.publish", "dialogues.publication_change", "dialogues.unpublish"]
    last = AuditEntry.objects.order_by("pk").last()
    assert last.data["unpublished"] == ["summary", "values"]


def test_refused_changes_leave_no_entry(dialogue, mia, stella, dana):
    with pytest.raises(Exception):
        services.publication_set(dialogue=dialogue, actor=mia, parts=["summary"])
    with pytest.raises(Exception):
        services.participant_add(dialogue=dialogue, actor=stella, role="nobody", user=dana)
    assert actions() == []
