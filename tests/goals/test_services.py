"""Tagging services and their selectors: who may tag, what may be tagged, no N+1."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.goals import selectors, services
from apps.goals.models import GoalTag, HubGoal, SdgGoal, SdgTarget
from apps.places.models import Area
from tests.factories import WorkingGroupFactory

pytestmark = pytest.mark.django_db


def test_a_steward_tags_a_thing_of_the_hub_with_each_kind(stella, oslo, frogner, climate, green_target):
    sdg_11 = SdgGoal.objects.get(number=11)
    target = SdgTarget.objects.get(code="11.7")
    services.goal_tag_add(actor=stella, obj=frogner, hub=oslo, sdg_goal=sdg_11)
    services.goal_tag_add(actor=stella, obj=frogner, hub=oslo, sdg_target=target)
    services.goal_tag_add(actor=stella, obj=frogner, hub=oslo, hub_goal=climate)
    tag = services.goal_tag_add(actor=stella, obj=frogner, hub=oslo, local_target=green_target)
    assert tag.created_by == stella and tag.obj == frogner
    tags = selectors.tags_for(frogner)
    assert [t.kind for t in tags] == ["sdg_goal", "sdg_target", "hub_goal", "local_target"]
    assert [t.sdg_number for t in tags] == [11, 11, None, 11]


def test_a_network_lead_may_tag_the_hub_itself(nora, oslo):
    services.goal_tag_add(actor=nora, obj=oslo, hub=oslo, sdg_goal=SdgGoal.objects.get(number=13))
    assert selectors.tags_for(oslo)[0].sdg_goal_id == 13


@pytest.mark.parametrize("role", ["bob", "mia", "walter", "petra", "vic", "sven"])
def test_others_may_not_tag(request, oslo, frogner, role):
    user = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        services.goal_tag_add(actor=user, obj=frogner, hub=oslo, sdg_goal=SdgGoal.objects.get(number=11))
    assert not GoalTag.objects.exists()


def test_a_steward_of_another_hub_may_not_tag_here_even_naming_their_own_hub(sven, sodertorn, frogner):
    with pytest.raises(ValidationError):
        services.goal_tag_add(actor=sven, obj=frogner, hub=sodertorn, sdg_goal=SdgGoal.objects.get(number=11))
    assert not GoalTag.objects.exists()


def test_another_hubs_goal_cannot_be_used(stella, oslo, frogner, sodertorn_goal):
    with pytest.raises(ValidationError):
        services.goal_tag_add(actor=stella, obj=frogner, hub=oslo, hub_goal=sodertorn_goal)


def test_exactly_one_choice(stella, oslo, frogner, climate):
    with pytest.raises(ValidationError):
        services.goal_tag_add(actor=stella, obj=frogner, hub=oslo)
    with pytest.raises(ValidationError):
        services.goal_tag_add(
            actor=stella, obj=frogner, hub=oslo, hub_goal=climate, sdg_goal=SdgGoal.objects.get(number=1)
        )


def test_only_public_things_of_a_hub_can_be_tagged(stella, oslo, mia):
    with pytest.raises(ValidationError):
        services.goal_tag_add(actor=stella, obj=mia, hub=oslo, sdg_goal=SdgGoal.objects.get(number=1))
    with pytest.raises(ValidationError):
        services.goal_tag_add(
            actor=stella, obj=SdgGoal.objects.get(number=2), hub=oslo, sdg_goal=SdgGoal.objects.get(number=1)
        )


def test_duplicate_tag_is_a_validation_error(stella, oslo, frogner):
    sdg = SdgGoal.objects.get(number=11)
    services.goal_tag_add(actor=stella, obj=frogner, hub=oslo, sdg_goal=sdg)
    with pytest.raises(ValidationError):
        services.goal_tag_add(actor=stella, obj=frogner, hub=oslo, sdg_goal=sdg)
    assert GoalTag.objects.count() == 1


def test_remove(stella, mia, oslo, frogner):
    sdg = SdgGoal.objects.get(number=11)
    services.goal_tag_add(actor=stella, obj=frogner, hub=oslo, sdg_goal=sdg)
    with pytest.raises(PermissionDenied):
        services.goal_tag_remove(actor=mia, obj=frogner, hub=oslo, sdg_goal=sdg)
    services.goal_tag_remove(actor=stella, obj=frogner, hub=oslo, sdg_goal=sdg)
    assert not GoalTag.objects.exists()
    with pytest.raises(ValidationError):
        services.goal_tag_remove(actor=stella, obj=frogner, hub=oslo, sdg_goal=sdg)


def test_deleting_a_thing_deletes_its_tags(stella, oslo, frogner):
    services.goal_tag_add(actor=stella, obj=frogner, hub=oslo, sdg_goal=SdgGoal.objects.get(number=11))
    frogner.delete()
    assert not GoalTag.objects.exists()


def test_goal_services_check_permission(mia, sven, oslo, climate, target_11_7):
    for user in (mia, sven):
        with pytest.raises(PermissionDenied):
            services.hub_goal_create(actor=user, hub=oslo, title="x")
        with pytest.raises(PermissionDenied):
            services.hub_goal_update(actor=user, goal=climate, title="x")
        with pytest.raises(PermissionDenied):
            services.local_target_create(actor=user, hub_goal=climate, sdg_target=target_11_7, title="x")
    assert HubGoal.objects.get(pk=climate.pk).title == climate.title


def test_tags_for_many_is_one_query(stella, oslo, frogner, climate):
    areas = [frogner] + [
        Area.objects.create(hub=oslo, level=frogner.level, code=f"a{i}", name=f"Area {i}") for i in range(5)
    ]
    group = WorkingGroupFactory(hub=oslo)
    for area in areas:
        services.goal_tag_add(actor=stella, obj=area, hub=oslo, hub_goal=climate)
    services.goal_tag_add(actor=stella, obj=group, hub=oslo, sdg_goal=SdgGoal.objects.get(number=11))
    selectors.tags_for_many([oslo])  # warm the content type cache
    selectors.tags_for_many([group])
    with CaptureQueriesContext(connection) as captured:
        result = selectors.tags_for_many([*areas, group, oslo])
        labels = [tag.label for tags in result.values() for tag in tags]
    assert len(captured) == 1
    assert all(len(result[area]) == 1 for area in areas)
    assert result[oslo] == []
    assert len(labels) == 7


def test_objects_tagged_with_groups_by_kind_and_follows_children(
    stella, oslo, frogner, climate, green_target
):
    group = WorkingGroupFactory(hub=oslo, name="Climate group")
    services.goal_tag_add(actor=stella, obj=frogner, hub=oslo, local_target=green_target)
    services.goal_tag_add(actor=stella, obj=frogner, hub=oslo, hub_goal=climate)
    services.goal_tag_add(actor=stella, obj=group, hub=oslo, sdg_target=SdgTarget.objects.get(code="11.7"))
    groups = selectors.objects_tagged_with(hub=oslo, hub_goal=climate)
    assert [(g.label, [i.name for i in g.items]) for g in groups] == [("Areas", ["Frogner"])]
    assert len(groups[0].items[0].tags) == 2  # once, with both tags
    direct = selectors.objects_tagged_with(hub=oslo, hub_goal=climate, include_children=False)
    assert len(direct[0].items[0].tags) == 1
    by_sdg = selectors.objects_tagged_with(hub=oslo, sdg_goal=SdgGoal.objects.get(number=11))
    assert {g.label for g in by_sdg} == {"Areas", "Working groups"}
    assert selectors.objects_tagged_with(hub=oslo, sdg_goal=SdgGoal.objects.get(number=1)) == []
