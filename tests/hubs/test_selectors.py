"""Hub selectors: who is shown, how search narrows it, and the counts on the hub list."""

from apps.hubs import selectors
from apps.hubs.models import ApplicationStatus
from tests.factories import (
    CompetenceFactory,
    HubFactory,
    MembershipFactory,
    PartnershipFactory,
    UserFactory,
    WorkingGroupFactory,
    WorkingGroupMemberFactory,
    consent,
)

PENDING, APPROVED, REJECTED = (
    ApplicationStatus.PENDING,
    ApplicationStatus.APPROVED,
    ApplicationStatus.REJECTED,
)


def shown(hub, **filters):
    return [membership.user for membership in selectors.public_members(hub=hub, **filters)]


def test_the_directory_shows_approved_members_who_consented_and_nobody_else(oslo, sodertorn, stella, mia):
    consent(stella)
    # mia is approved, but has not consented.
    pending = consent(MembershipFactory(hub=oslo, status=PENDING).user)
    rejected = consent(MembershipFactory(hub=oslo, status=REJECTED).user)
    other_hub = consent(MembershipFactory(hub=sodertorn).user)
    no_membership = consent(UserFactory())

    assert shown(oslo) == [stella]
    for hidden in (mia, pending, rejected, other_hub, no_membership):
        assert hidden not in shown(oslo)
    assert shown(sodertorn) == [other_hub]


def test_withdrawing_consent_removes_a_member_from_the_directory(oslo, mia):
    consent(mia)
    assert shown(oslo) == [mia]
    mia.profile.consent_public_profile = False
    mia.profile.save()
    assert shown(oslo) == []


def test_the_directory_is_in_name_order(oslo):
    for name in ("Cecilie", "Berit", "Anders"):
        consent(MembershipFactory(hub=oslo, user=UserFactory(name=name)).user)
    assert [user.name for user in shown(oslo)] == sorted(["Cecilie", "Berit", "Anders"])


def test_search_matches_name_headline_and_interests_case_insensitively(oslo):
    by_name = consent(MembershipFactory(hub=oslo, user=UserFactory(name="Kari Byplan")).user)
    by_headline = consent(MembershipFactory(hub=oslo, user=UserFactory(name="Ola")).user)
    by_headline.profile.headline = "Landscape architect, byplanlegger"
    by_headline.profile.save()
    by_interests = consent(MembershipFactory(hub=oslo, user=UserFactory(name="Per")).user)
    by_interests.profile.interests = "Urban gardening and BYPLAN debates"
    by_interests.profile.save()
    consent(MembershipFactory(hub=oslo, user=UserFactory(name="Nobody Relevant")).user)

    assert set(shown(oslo, query="byplan")) == {by_name, by_headline, by_interests}
    assert shown(oslo, query="gardening") == [by_interests]
    assert shown(oslo, query="nothing-matches-this") == []


def test_search_does_not_find_people_hidden_from_the_directory(oslo, mia):
    mia.profile.headline = "Secret planner"
    mia.profile.save()  # no consent
    assert shown(oslo, query="planner") == []


def test_the_competence_filter_narrows_to_people_with_it(oslo, stella, mia, bob):
    planning, law = CompetenceFactory(slug="urban-planning"), CompetenceFactory(slug="law")
    for user in (stella, mia, bob):
        consent(user)
    stella.profile.competences.set([planning, law])
    mia.profile.competences.set([planning])
    bob.profile.competences.set([law])

    assert set(shown(oslo, competence="urban-planning")) == {stella, mia}
    assert shown(oslo, competence="law") == [bob, stella]  # in name order: Bob, Stella
    assert shown(oslo, competence="no-such-competence") == []
    # Query and competence together.
    assert shown(oslo, query="mia", competence="urban-planning") == [mia]


def test_a_member_with_two_matching_competences_is_listed_once(oslo, stella):
    consent(stella)
    planning = CompetenceFactory(slug="urban-planning")
    stella.profile.competences.set([planning, CompetenceFactory(slug="law")])
    assert shown(oslo, competence="urban-planning") == [stella]


def test_partners_are_only_approved_partnerships_of_the_hub(oslo, sodertorn, petra, acme):
    PartnershipFactory(hub=oslo, status=PENDING)
    PartnershipFactory(hub=oslo, status=REJECTED)
    PartnershipFactory(hub=sodertorn)

    assert [p.organisation for p in selectors.partners(hub=oslo)] == [acme]


def test_partners_can_be_filtered_by_type(oslo):
    public = PartnershipFactory(hub=oslo, organisation__type="public").organisation
    PartnershipFactory(hub=oslo, organisation__type="private")
    assert [p.organisation for p in selectors.partners(hub=oslo, type="public")] == [public]


def test_the_hub_list_counts_only_approved_members_and_partners(oslo, sodertorn, stella, nora, mia, petra):
    MembershipFactory(hub=oslo, status=PENDING)
    MembershipFactory(hub=oslo, status=REJECTED)
    PartnershipFactory(hub=oslo, status=PENDING)
    PartnershipFactory(hub=oslo)
    for _ in range(3):
        group = WorkingGroupFactory(hub=oslo)
        # Members of groups must not multiply the counts (joins without distinct would).
        WorkingGroupMemberFactory(group=group, user=mia)
        WorkingGroupMemberFactory(group=group, user=stella)
    empty = HubFactory(slug="empty", name="Empty")

    hubs = {hub.slug: hub for hub in selectors.hub_list()}

    assert (hubs["oslo"].member_count, hubs["oslo"].partner_count, hubs["oslo"].working_group_count) == (
        3,
        2,
        3,
    )
    assert (hubs["sodertorn"].member_count, hubs["sodertorn"].partner_count) == (0, 0)
    assert (hubs[empty.slug].member_count, hubs[empty.slug].working_group_count) == (0, 0)


def test_the_hub_list_is_in_name_order(db):
    for name in ("Tromsø", "Bergen", "Malmö"):
        HubFactory(name=name)
    assert [hub.name for hub in selectors.hub_list()] == ["Bergen", "Malmö", "Tromsø"]


def test_working_groups_count_their_members(oslo, climate_group, mia, stella):
    WorkingGroupMemberFactory(group=climate_group, user=mia)
    WorkingGroupMemberFactory(group=climate_group, user=stella)
    WorkingGroupFactory(hub=oslo, name="Arts", slug="arts")

    groups = {group.slug: group for group in selectors.working_groups(hub=oslo)}

    assert groups["climate"].member_count == 3
    assert groups["arts"].member_count == 0


def test_pending_memberships_are_the_hubs_open_applications_oldest_first(oslo, sodertorn, mia):
    first = MembershipFactory(hub=oslo, status=PENDING)
    second = MembershipFactory(hub=oslo, status=PENDING)
    MembershipFactory(hub=oslo, status=REJECTED)
    MembershipFactory(hub=sodertorn, status=PENDING)

    assert list(selectors.pending_memberships(hub=oslo)) == [first, second]


def test_the_home_page_stewards_are_the_leads_who_consented(oslo, stella, nora, bob):
    consent(stella)
    consent(nora)
    consent(bob)
    hidden_steward = MembershipFactory(hub=oslo, is_steward=True).user  # no consent

    leads = [m.user for m in selectors.stewards(hub=oslo)]

    assert leads == [nora, stella]  # the network lead first
    assert hidden_steward not in leads
    assert bob not in leads
