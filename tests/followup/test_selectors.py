"""Matching: members and partners whose words meet the idea's."""

from apps.followup.selectors import initiative_words, match_suggestions
from apps.initiatives.models import Initiative
from tests.factories import (
    CompetenceFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    consent,
)


def test_words_leave_out_short_and_common_ones(idea):
    idea.title, idea.summary = "A new garden for the Tøyen youth", "with the youth"
    assert initiative_words(idea) == ["garden", "tøyen", "youth"]


def test_it_suggests_members_with_matching_competences_or_interests_and_partners(oslo, sodertorn, idea, mia):
    gardening = CompetenceFactory(slug="gardening", name_en="Urban gardening", name_nb="Urbant landbruk")
    gardener = consent(MembershipFactory(hub=oslo).user)
    gardener.profile.competences.set([gardening])
    neighbour = consent(MembershipFactory(hub=oslo).user)
    neighbour.profile.interests = "Everything about Tøyen and tool sheds"
    neighbour.profile.save()
    hidden = MembershipFactory(hub=oslo).user  # no public profile
    hidden.profile.competences.set([gardening])
    elsewhere = consent(MembershipFactory(hub=sodertorn).user)
    elsewhere.profile.competences.set([gardening])
    consent(mia).profile.competences.set([gardening])  # the owner is not suggested to herself
    partner = PartnershipFactory(
        hub=oslo, organisation=OrganisationFactory(name="Grønn Gårdsplass", description="Garden design")
    )
    PartnershipFactory(hub=oslo, organisation=OrganisationFactory(name="Unrelated AS"))
    PartnershipFactory(hub=oslo, status="pending", organisation=OrganisationFactory(name="Garden pending"))

    matches = match_suggestions(idea)
    assert {m.user for m in matches.members} == {gardener, neighbour}
    neighbour_match = next(m for m in matches.members if m.user == neighbour)
    assert "tøyen" in neighbour_match.matched_words and "shed" in neighbour_match.matched_words
    assert [p.pk for p in matches.partners] == [partner.pk]
    assert len(match_suggestions(idea, limit=1).members) == 1


def test_no_words_no_matches(oslo, mia):
    blank = Initiative.objects.create(hub=oslo, owner=mia, slug="x", title="A B", summary="")
    assert match_suggestions(blank).members == [] and match_suggestions(blank).partners == []
