"""Changes of who is in an initiative's team are recorded and told to the person concerned."""

import pytest
from django.core.exceptions import PermissionDenied

from apps.audit.models import AuditEntry
from apps.initiatives import services
from apps.initiatives.models import TeamMember
from apps.notifications.models import Notification


def test_adding_changing_and_removing_a_team_member_are_each_recorded_and_told(initiative, olga, mia):
    member = services.team_member_add(initiative=initiative, actor=olga, user=mia, role="member")
    services.team_member_set_role(member=member, actor=olga, role="lead")
    services.team_member_remove(member=TeamMember.objects.get(pk=member.pk), actor=olga)
    actions = list(AuditEntry.objects.filter(hub=initiative.hub).order_by("pk").values_list("action", "data"))
    assert actions == [
        ("initiatives.team_added", {"user": mia.pk, "role": "member"}),
        ("initiatives.team_role", {"user": mia.pk, "role": "lead"}),
        ("initiatives.team_removed", {"user": mia.pk, "role": "lead"}),
    ]
    titles = list(
        Notification.objects.filter(recipient=mia, kind="team").order_by("pk").values_list("title", flat=True)
    )
    assert len(titles) == 3 and initiative.title in titles[0]


def test_the_same_role_again_records_nothing(initiative, olga, lena):
    services.team_member_set_role(member=TeamMember.objects.get(user=lena), actor=olga, role="lead")
    assert not AuditEntry.objects.exists()


def test_a_refused_change_leaves_no_entry(initiative, tom, mia):
    with pytest.raises(PermissionDenied):
        services.team_member_add(initiative=initiative, actor=mia, user=tom, role="lead")
    assert not AuditEntry.objects.exists() and not Notification.objects.filter(kind="team").exists()


def test_joining_at_ones_own_wish_is_recorded_but_tells_nobody(initiative, mia):
    services.team_member_join(initiative=initiative, user=mia)
    services.team_member_join(initiative=initiative, user=mia)  # already in: nothing new
    assert list(AuditEntry.objects.values_list("action", flat=True)) == ["initiatives.team_joined"]
    assert not Notification.objects.filter(kind="team").exists()
