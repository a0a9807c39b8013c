"""The hub's content version and what is cached under it (apps.hubs.versions).

A write through a service gives the hub a new version in the same transaction, so the next
request sees the change; counts cached under the version stay right through every service that
changes them; what one person may see is never served to another; languages stay apart."""

import pytest
from django.test import Client
from django.utils import translation

from apps.hubs import selectors, services
from apps.hubs.models import ApplicationStatus, Hub, Membership, Partnership, WorkingGroup
from apps.hubs.versions import hub_cached, hub_changed
from apps.privacy.services import account_delete
from tests.factories import (
    HubFactory,
    MembershipFactory,
    OrganisationFactory,
    RepresentativeFactory,
    UserFactory,
)


def version(hub):
    return Hub.objects.values_list("content_version", flat=True).get(pk=hub.pk)


def fresh(hub):
    return Hub.objects.get(pk=hub.pk)


def truth(hub):
    return {
        "member_count": Membership.objects.filter(hub=hub, status=ApplicationStatus.APPROVED).count(),
        "partner_count": Partnership.objects.filter(hub=hub, status=ApplicationStatus.APPROVED).count(),
        "working_group_count": WorkingGroup.objects.filter(hub=hub).count(),
    }


def test_a_service_write_gives_the_hub_a_new_version(oslo, stella):
    before = version(oslo)

    services.membership_apply(hub=oslo, user=UserFactory(), message="Hei")

    assert version(oslo) != before


def test_a_write_in_another_hub_leaves_this_one_alone(oslo, sodertorn, stella):
    before = version(oslo)

    services.membership_apply(hub=sodertorn, user=UserFactory(), message="Hej")

    assert version(oslo) == before


def test_the_member_counts_stay_right_through_the_services(oslo, stella, mia):
    """Apply, approve, leave, reject, a partner approved, a group created, an account deleted
    (anonymised): after each, the cached counts equal a fresh COUNT."""
    checks = []

    def check():
        hub = fresh(oslo)
        checks.append(selectors.hub_counts(hub=hub) == truth(hub))

    check()
    newcomer = UserFactory()
    membership = services.membership_apply(hub=fresh(oslo), user=newcomer, message="")
    check()
    services.membership_decide(membership=membership, actor=stella, approve=True)
    check()
    other = services.membership_apply(hub=fresh(oslo), user=UserFactory(), message="")
    services.membership_decide(membership=other, actor=stella, approve=False, reason="Not now")
    check()
    services.membership_leave(membership=Membership.objects.get(pk=membership.pk), actor=newcomer)
    check()
    organisation = OrganisationFactory()
    RepresentativeFactory(organisation=organisation, user=stella)
    partnership = services.partnership_apply(
        hub=fresh(oslo), organisation=organisation, actor=stella, contribution="Rom"
    )
    services.partnership_decide(partnership=partnership, actor=stella, approve=True)
    check()
    services.working_group_create(hub=fresh(oslo), actor=stella, name="Klima", theme="", description="")
    check()
    account_delete(user=mia, actor=mia)
    check()

    assert checks == [True] * len(checks)
    assert truth(oslo)["member_count"] == 1  # stella is left


def test_the_home_page_shows_a_new_member_at_once(client, oslo, stella):
    first = client.get("/oslo/")
    assert first.context["hub"].member_count == 1

    membership = services.membership_apply(hub=oslo, user=UserFactory(), message="")
    services.membership_decide(membership=membership, actor=stella, approve=True)

    assert client.get("/oslo/").context["hub"].member_count == 2


def test_the_home_page_costs_one_query_less_on_a_warm_cache(
    client, oslo, stella, django_assert_max_num_queries
):
    client.get("/oslo/")
    with django_assert_max_num_queries(12):
        response = client.get("/oslo/")
    assert response.status_code == 200


def test_a_stewards_queue_is_never_shown_to_a_member(oslo, stella, mia):
    MembershipFactory(hub=oslo, status=ApplicationStatus.PENDING)
    steward, member, anonymous = Client(), Client(), Client()
    steward.force_login(stella)
    member.force_login(mia)

    assert steward.get("/oslo/").context["pending_count"] == 1
    for client in (member, anonymous):
        response = client.get("/oslo/")
        assert response.context["pending_count"] == 0
        assert "waits for you" not in response.content.decode()


def test_cached_values_are_kept_apart_by_language_and_hub(db):
    one, two = HubFactory(), HubFactory()
    with translation.override("nb"):
        assert hub_cached(one, "greeting", compute=lambda: "Hei") == "Hei"
    with translation.override("sv"):
        assert hub_cached(one, "greeting", compute=lambda: "Hej") == "Hej"
        assert hub_cached(two, "greeting", compute=lambda: "Hej två") == "Hej två"
    with translation.override("nb"):
        assert hub_cached(one, "greeting", compute=lambda: "wrong") == "Hei"


def test_a_new_version_leaves_the_old_value_behind(db):
    hub = HubFactory()
    assert hub_cached(hub, "n", compute=lambda: 1) == 1

    hub_changed([hub.pk])

    assert hub_cached(fresh(hub), "n", compute=lambda: 2) == 2


def test_an_old_hub_object_saved_again_still_gets_a_new_version(oslo):
    stale = fresh(oslo)
    hub_changed([oslo.pk])
    seen = version(oslo)

    stale.tagline = "Ny"
    stale.save()

    assert version(oslo) not in (seen, stale.content_version)


@pytest.mark.parametrize("language,word", [("nb", "medlem"), ("sv", "medlem"), ("en", "member")])
def test_the_home_page_speaks_each_language_from_the_cache(oslo, stella, language, word):
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.get("/oslo/")

    response = client.get("/oslo/")

    assert response.headers["Content-Language"] == language
    assert word in response.content.decode().lower()
