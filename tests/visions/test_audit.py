"""Adopting a vision and changing its co-authors are recorded and told."""

from apps.audit.models import AuditEntry
from apps.notifications.models import Notification
from apps.visions import services


def test_adopting_a_vision_is_recorded_and_its_writers_are_told(vision, stella, nora, mia):
    services.coauthor_add(vision=vision, actor=stella, user=mia)
    services.vision_update(vision=vision, actor=nora, status="adopted")
    entry = AuditEntry.objects.get(action="visions.adopt")
    assert entry.actor == nora and entry.data == {"before": "drafting", "after": "adopted"}
    told = set(
        Notification.objects.filter(title__contains="adopted").values_list("recipient__email", flat=True)
    )
    assert told == {stella.email, mia.email}  # the writers; not nora, who did it


def test_a_title_change_records_nothing(vision, stella):
    services.vision_update(vision=vision, actor=stella, title="Ny tittel")
    assert not AuditEntry.objects.filter(action__startswith="visions.").exists()


def test_co_authors_coming_and_going_are_recorded(vision, stella, mia):
    services.coauthor_add(vision=vision, actor=stella, user=mia)
    services.coauthor_remove(vision=vision, actor=stella, user=mia)
    services.coauthor_remove(vision=vision, actor=stella, user=mia)  # gone already: nothing more
    assert list(AuditEntry.objects.order_by("pk").values_list("action", flat=True)) == [
        "visions.coauthor_add",
        "visions.coauthor_remove",
    ]
    assert Notification.objects.filter(recipient=mia, title__contains="no longer").count() == 1
