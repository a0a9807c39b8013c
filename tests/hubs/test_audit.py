"""Changes of power in a hub write one audit entry inside their service and tell whom they
concern; stewards read the log as a page with filters."""

import threading
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.audit.models import AuditEntry
from apps.audit.services import audit_record
from apps.hubs import services
from apps.notifications.models import Notification
from tests.factories import MembershipFactory, PartnershipFactory, UserFactory

OSLO = ZoneInfo("Europe/Oslo")


def entries(hub, action):
    return list(AuditEntry.objects.filter(hub=hub, action=action))


@pytest.fixture
def application(oslo, vic):
    return services.membership_apply(hub=oslo, user=vic, message="Hei")


def test_approving_a_member_is_recorded(oslo, stella, vic, application):
    services.membership_decide(membership=application, actor=stella, approve=True)
    [entry] = entries(oslo, "hubs.membership_approve")
    assert entry.actor == stella and entry.target_repr == vic.display_name
    assert Notification.objects.filter(recipient=vic, hub=oslo).exists()


def test_rejecting_a_member_is_recorded_with_the_reason(oslo, stella, application):
    services.membership_decide(membership=application, actor=stella, approve=False, reason="Not local")
    [entry] = entries(oslo, "hubs.membership_reject")
    assert entry.reason == "Not local"


def test_a_refused_decision_leaves_no_entry(oslo, mia, application):
    with pytest.raises(PermissionDenied):
        services.membership_decide(membership=application, actor=mia, approve=True)
    with pytest.raises(ValidationError):
        services.membership_decide(
            membership=application, actor=MembershipFactory(hub=oslo, is_steward=True).user, approve=False
        )  # no reason
    assert not AuditEntry.objects.exists()


def test_deciding_a_partnership_is_recorded(oslo, stella, acme):
    partnership = PartnershipFactory(hub=oslo, organisation=acme, status="pending", decided_at=None)
    services.partnership_decide(partnership=partnership, actor=stella, approve=True)
    [entry] = entries(oslo, "hubs.partnership_approve")
    assert entry.target_repr == acme.name


def test_giving_and_taking_offices_is_recorded_and_the_member_is_told(oslo, stella, mia):
    membership = mia.memberships.get(hub=oslo)
    services.membership_set_roles(
        membership=membership, actor=stella, is_steward=False, is_network_lead=False, is_board=True
    )
    services.membership_set_roles(
        membership=membership, actor=stella, is_steward=True, is_network_lead=False, is_board=False
    )
    first, second = sorted(entries(oslo, "hubs.offices_change"), key=lambda e: e.pk)
    assert first.data == {"before": [], "after": ["board"]}
    assert second.data == {"before": ["board"], "after": ["steward"]}
    told = list(Notification.objects.filter(recipient=mia, kind="offices").order_by("pk"))
    assert len(told) == 2
    assert "Board" in told[0].body and "Stewardship team" in told[1].body and "Board" in told[1].body


def test_saving_the_same_offices_again_records_nothing(oslo, stella, bob):
    membership = bob.memberships.get(hub=oslo)
    services.membership_set_roles(
        membership=membership, actor=stella, is_steward=False, is_network_lead=False, is_board=True
    )
    assert not AuditEntry.objects.exists() and not Notification.objects.filter(recipient=bob).exists()


def test_offices_are_told_in_the_members_language(oslo, stella):
    member = MembershipFactory(hub=oslo, user=UserFactory(language="sv")).user
    services.membership_set_roles(
        membership=member.memberships.get(hub=oslo),
        actor=stella,
        is_steward=False,
        is_network_lead=True,
        is_board=False,
    )
    note = Notification.objects.get(recipient=member)
    assert note.title == "Dina roller i Pådriv Oslo har ändrats"
    assert "Du har nu: Nätverksledare" in note.body


# The page ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "who,status", [("stella", 200), ("nora", 200), ("bob", 403), ("mia", 403), ("sven", 403)]
)
def test_who_may_read_the_log(request, client, oslo, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get("/oslo/manage/audit/").status_code == status


def test_anonymous_visitors_are_sent_to_sign_in(client, oslo):
    response = client.get("/oslo/manage/audit/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_log_shows_only_its_own_hubs_entries(client, oslo, sodertorn, stella, sven):
    audit_record(
        hub=sodertorn, actor=sven, action="hubs.offices_change", target=None, label="Secret Södertörn"
    )
    audit_record(hub=oslo, actor=stella, action="hubs.offices_change", target=None, label="Oslo change")
    client.force_login(stella)
    html = client.get("/oslo/manage/audit/").content.decode()
    assert "Oslo change" in html and "Secret Södertörn" not in html


@pytest.fixture
def log(oslo, stella, nora, clock):
    clock.move_to(datetime(2026, 3, 1, 12, tzinfo=OSLO))
    audit_record(hub=oslo, actor=stella, action="hubs.membership_approve", target=None, label="Anna")
    clock.move_to(datetime(2026, 3, 2, 0, 30, tzinfo=OSLO))  # just after midnight in Oslo
    audit_record(
        hub=oslo, actor=nora, action="participation.idea_hide", target=None, label="Spam", reason="ads"
    )
    clock.move_to(datetime(2026, 3, 5, 9, tzinfo=OSLO))
    audit_record(
        hub=oslo, actor=stella, action="processes.gate_override", target=None, label="Plan", reason="ok"
    )


def _shown(client, query):
    html = client.get(f"/oslo/manage/audit/?{query}").content.decode()
    return [name for name in ("Anna", "Spam", "Plan") if f"{name}</td>" in html]


def test_filters(client, stella, log):
    client.force_login(stella)
    assert _shown(client, "") == ["Anna", "Spam", "Plan"]
    assert _shown(client, "group=hubs") == ["Anna"]
    assert _shown(client, "action=processes.gate_override") == ["Plan"]
    assert _shown(client, "who=nora") == ["Spam"]
    assert _shown(client, "text=ads") == ["Spam"]
    # Days are the hub's days: 00:30 on 2 March in Oslo is 2 March, not 1 March (UTC).
    assert _shown(client, "since=2026-03-02&until=2026-03-02") == ["Spam"]
    assert _shown(client, "until=2026-03-01") == ["Anna"]


def test_bad_filters_answer_400_with_the_whole_log(client, stella, log):
    client.force_login(stella)
    response = client.get("/oslo/manage/audit/?since=2026-03-05&until=2026-03-01")
    assert response.status_code == 400
    html = response.content.decode()
    assert "The last day cannot come before the first." in html and "Anna</td>" in html
    assert client.get("/oslo/manage/audit/?group=nope").status_code == 400


def test_the_log_speaks_the_visitors_language(client, stella, log):
    client.force_login(stella)
    for language, title, label in [
        ("nb", "Endringslogg", "Godkjente et medlem"),
        ("sv", "Ändringslogg", "Godkände en medlem"),
        ("en", "Audit log", "Approved a member"),
    ]:
        html = client.get("/oslo/manage/audit/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert f">{title}</h1>" in html and f">{label}</td>" in html


def test_the_log_takes_the_same_queries_however_long_it_is(client, oslo, stella):
    client.force_login(stella)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/oslo/manage/audit/").status_code == 200
        return len(ctx)

    audit_record(hub=oslo, actor=stella, action="hubs.offices_change", target=None, label="one")
    small = count()
    for n in range(30):
        actor = UserFactory()
        audit_record(hub=oslo, actor=actor, action="hubs.offices_change", target=oslo, label=f"x{n}")
    assert count() == small


@pytest.mark.django_db(transaction=True)
def test_two_stewards_changing_the_same_offices_at_once_record_one_change_each(oslo, stella, nora, mia):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are observable only on PostgreSQL (CI runs it)")
    membership = mia.memberships.get(hub=oslo)
    barrier = threading.Barrier(2)

    def give(actor):
        barrier.wait()
        try:
            services.membership_set_roles(
                membership=membership, actor=actor, is_steward=False, is_network_lead=False, is_board=True
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=give, args=(a,)) for a in (stella, nora)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # The second saw the first's change under the row lock: nothing changed, nothing recorded.
    assert AuditEntry.objects.filter(action="hubs.offices_change").count() == 1


def test_appointing_and_changing_a_working_group_lead_is_recorded_and_told(oslo, stella, mia, walter):
    group = services.working_group_create(hub=oslo, actor=stella, name="Trær", lead=mia)
    services.working_group_update(
        group=group, actor=stella, name="Trær", theme="", description="", lead=walter
    )
    services.working_group_update(
        group=group, actor=stella, name="Trær og busker", theme="", description="", lead=walter
    )
    entries = list(
        AuditEntry.objects.filter(action="hubs.group_lead").order_by("pk").values_list("data", flat=True)
    )
    assert entries == [{"before": None, "after": mia.pk}, {"before": mia.pk, "after": walter.pk}]
    assert Notification.objects.filter(recipient=mia, kind="offices").count() == 1
    assert Notification.objects.filter(recipient=walter, kind="offices").count() == 1


def test_a_steward_leaving_is_recorded_and_the_other_leads_are_told(oslo, stella, nora, mia):
    services.membership_leave(membership=stella.memberships.get(hub=oslo), actor=stella)
    [entry] = AuditEntry.objects.filter(action="hubs.member_leave")
    assert entry.data == {"offices": ["steward"], "groups_led": []}
    assert Notification.objects.filter(recipient=nora, kind="offices").exists()
    # An ordinary member leaving changes nobody's power: nothing is recorded.
    services.membership_leave(membership=mia.memberships.get(hub=oslo), actor=mia)
    assert AuditEntry.objects.filter(action="hubs.member_leave").count() == 1


def test_a_partners_representatives_coming_and_going_are_recorded_in_its_hubs(
    oslo, sodertorn, petra, acme, mia
):
    from apps.organisations import services as organisation_services

    organisation_services.representative_add(organisation=acme, actor=petra, user=mia)
    organisation_services.representative_remove(organisation=acme, actor=petra, user=mia)
    entries = list(AuditEntry.objects.order_by("pk").values_list("hub__slug", "action", "target_repr"))
    assert entries == [
        ("oslo", "hubs.representative_added", "Acme Byutvikling: Mia Member"),
        ("oslo", "hubs.representative_removed", "Acme Byutvikling: Mia Member"),
    ]  # Acme partners with Oslo only: Södertörn records nothing
    titles = list(Notification.objects.filter(recipient=mia).order_by("pk").values_list("title", flat=True))
    assert titles == ["You now represent Acme Byutvikling", "You no longer represent Acme Byutvikling"]
