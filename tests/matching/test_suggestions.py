"""Ranking and reasons on a small fixture, and the consent guarantee: nobody but approved members
of the hub with a public profile is ever suggested, and only approved partner organisations."""

import pytest

from apps.initiatives.models import Follow
from apps.matching import selectors

pytestmark = pytest.mark.django_db

NEVER = {"uma@example.org", "pia@example.org", "sara@example.org", "mia@example.org"}


def test_a_gardener_at_toyen_is_first_for_the_courtyard_with_why(cast, courtyard):
    people, organisations = selectors.suggestions_for_initiative(initiative=courtyard)
    assert [p.obj.email for p in people][:1] == ["gina@example.org"]
    reason = people[0].reason
    assert reason.competences == ["Gardening"]
    assert reason.places == ["Tøyen"]
    assert {"perennials", "raised", "beds"} & set(reason.words)
    assert [o.obj.slug for o in organisations] == ["acme"]
    assert {"soil", "raised", "beds"} & set(organisations[0].reason.words)


def test_nobody_unconsented_unapproved_or_of_another_hub_is_suggested(cast, courtyard, benches, olga):
    for initiative in (courtyard, benches):
        people, organisations = selectors.suggestions_for_initiative(initiative=initiative)
        emails = {p.obj.email for p in people}
        assert not emails & NEVER
        assert "byggmester" not in {o.obj.slug for o in organisations}
    # The team is not suggested to itself.
    people, _ = selectors.suggestions_for_initiative(initiative=courtyard)
    assert not {p.obj.email for p in people} & {"olga@example.org", "tom@example.org"}


def test_withdrawing_consent_counts_at_once(cast, courtyard, gina):
    assert "gina@example.org" in {
        p.obj.email for p in selectors.suggestions_for_initiative(initiative=courtyard)[0]
    }
    gina.profile.consent_public_profile = False
    gina.profile.save()
    assert "gina@example.org" not in {
        p.obj.email for p in selectors.suggestions_for_initiative(initiative=courtyard)[0]
    }


def test_a_member_gets_the_initiatives_that_fit_with_reasons(cast, oslo, gina, courtyard, benches):
    suggestions = selectors.suggestions_for_member(hub=oslo, user=gina)
    assert [s.obj.slug for s in suggestions] == ["courtyard"]
    reason = suggestions[0].reason
    assert reason.competences == ["Gardening"]
    assert reason.places == ["Tøyen"]
    assert reason.words


def test_a_carpenter_gets_the_benches_first(cast, oslo, carl):
    suggestions = selectors.suggestions_for_member(hub=oslo, user=carl)
    assert suggestions[0].obj.slug == "benches"
    assert suggestions[0].reason.competences == ["Carpentry"]
    assert suggestions[0].reason.places == ["Sagene"]


def test_goals_come_from_what_one_follows(cast, oslo, carl, courtyard, benches):
    from django.contrib.contenttypes.models import ContentType

    from apps.goals.models import GoalTag, HubGoal
    from apps.initiatives.models import Initiative

    goal = HubGoal.objects.create(hub=oslo, code="green", title="Grønnere byrom")
    kind = ContentType.objects.get_for_model(Initiative)
    GoalTag.objects.create(hub=oslo, content_type=kind, object_id=courtyard.pk, hub_goal=goal)
    other = Initiative.objects.create(hub=oslo, slug="trees", title="Trær", owner=courtyard.owner)
    GoalTag.objects.create(hub=oslo, content_type=kind, object_id=other.pk, hub_goal=goal)
    Follow.objects.create(initiative=other, user=carl)
    suggestions = {s.obj.slug: s for s in selectors.suggestions_for_member(hub=oslo, user=carl)}
    assert suggestions["courtyard"].reason.goals == ["Grønnere byrom"]
    assert "trees" not in suggestions  # already followed


def test_closed_initiatives_and_other_hubs_are_not_suggested(cast, oslo, sodertorn, gina, courtyard, sara):
    from apps.initiatives.models import Initiative

    Initiative.objects.create(
        hub=sodertorn,
        slug="tradgard",
        title="Trädgård på Tøyen",
        summary="Perennials and raised beds",
        owner=sara,
    )
    courtyard.status = "completed"
    courtyard.save()
    assert selectors.suggestions_for_member(hub=oslo, user=gina) == []


def test_the_kept_index_follows_new_needs(cast, oslo, carl, courtyard, carpentry, olga):
    from apps.matching import services

    before = {s.obj.slug for s in selectors.suggestions_for_member(hub=oslo, user=carl)}
    assert "courtyard" not in before
    services.need_add(actor=olga, initiative=courtyard, kind="competence", competence=carpentry)
    assert "courtyard" in {s.obj.slug for s in selectors.suggestions_for_member(hub=oslo, user=carl)}
