"""Local target codes, uniqueness as clear errors, and GoalTag's database constraints."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from apps.goals import services
from apps.goals.models import GoalTag, HubGoal, LocalTarget, SdgIndicator, SdgTarget

pytestmark = pytest.mark.django_db


def test_local_codes_extend_the_un_target_and_never_look_like_an_indicator(stella, climate, target_11_7):
    first = services.local_target_create(actor=stella, hub_goal=climate, sdg_target=target_11_7, title="A")
    second = services.local_target_create(actor=stella, hub_goal=climate, sdg_target=target_11_7, title="B")
    assert (first.code, second.code) == ("11.7.L1", "11.7.L2")
    assert not SdgIndicator.objects.filter(code__in=[first.code, second.code]).exists()
    assert SdgIndicator.objects.filter(code="11.7.1").exists()  # why the "L"
    letter = services.local_target_create(
        actor=stella, hub_goal=climate, sdg_target=SdgTarget.objects.get(code="11.a"), title="C"
    )
    assert letter.code == "11.a.L1"
    # The goal now serves SDG 11 through its local targets.
    assert climate.sdg_goals.filter(number=11).exists()


def test_the_next_code_fills_gaps(stella, climate, target_11_7):
    services.local_target_create(
        actor=stella, hub_goal=climate, sdg_target=target_11_7, title="A", code="11.7.L2"
    )
    target = services.local_target_create(actor=stella, hub_goal=climate, sdg_target=target_11_7, title="B")
    assert target.code == "11.7.L1"


@pytest.mark.parametrize("code", ["11.7.1", "11.6.L1", "11.7.L", "11.7.L0", "11.7.l1", "11.7.L1x", "L1"])
def test_codes_that_do_not_extend_the_target_are_refused(stella, climate, target_11_7, code):
    with pytest.raises(ValidationError) as exc:
        services.local_target_create(
            actor=stella, hub_goal=climate, sdg_target=target_11_7, title="A", code=code
        )
    assert "code" in exc.value.message_dict
    assert not LocalTarget.objects.exists()


def test_duplicate_local_code_in_a_hub_is_a_clear_validation_error(
    stella, climate, green_target, target_11_7
):
    other_goal = HubGoal.objects.create(hub=climate.hub, code="other", title="Other")
    with pytest.raises(ValidationError) as exc:
        services.local_target_create(
            actor=stella, hub_goal=other_goal, sdg_target=target_11_7, title="Dup", code="11.7.L1"
        )
    assert "already has a local target 11.7.L1" in exc.value.message_dict["code"][0]
    assert LocalTarget.objects.count() == 1


def test_the_same_local_code_in_another_hub_is_fine(sven, sodertorn_goal, green_target, target_11_7):
    target = services.local_target_create(
        actor=sven, hub_goal=sodertorn_goal, sdg_target=target_11_7, title="Green 300 m"
    )
    assert target.code == "11.7.L1"


def test_the_database_backs_local_code_uniqueness(climate, green_target, target_11_7):
    with pytest.raises(IntegrityError), transaction.atomic():
        LocalTarget.objects.create(
            hub=climate.hub, hub_goal=climate, sdg_target=target_11_7, code="11.7.L1", title="x"
        )


def test_moving_a_local_target_gives_it_a_code_under_its_new_target(stella, green_target):
    moved = services.local_target_update(
        actor=stella, target=green_target, sdg_target=SdgTarget.objects.get(code="11.3"), title="Moved"
    )
    assert moved.code == "11.3.L1"


def test_duplicate_hub_goal_code_is_a_clear_validation_error(stella, oslo, climate):
    with pytest.raises(ValidationError) as exc:
        services.hub_goal_create(actor=stella, hub=oslo, title="Again", code="climate-2030")
    assert "code" in exc.value.message_dict
    assert HubGoal.objects.filter(hub=oslo).count() == 1


def test_hub_goal_codes_are_made_from_titles_and_avoid_reserved_words(stella, oslo, climate):
    goal = services.hub_goal_create(actor=stella, hub=oslo, title="95 % lower emissions by 2030")
    assert goal.code == "95-lower-emissions-by-2030"
    assert services.hub_goal_create(actor=stella, hub=oslo, title="New").code == "new-goal"
    with pytest.raises(ValidationError):
        services.hub_goal_create(actor=stella, hub=oslo, title="x", code="sdg")
    with pytest.raises(ValidationError):
        services.hub_goal_create(actor=stella, hub=oslo, title="x", code="has space")
    with pytest.raises(ValidationError):
        services.hub_goal_create(actor=stella, hub=oslo, title="x", target_year=1850)


def _tag(**fields):
    return GoalTag(
        content_type=ContentType.objects.get_for_model(fields["hub"]), object_id=fields["hub"].pk, **fields
    )


@pytest.mark.parametrize("chosen", [(), ("sdg_goal_id", "sdg_target")])
def test_check_constraint_wants_exactly_one_tag_target(oslo, chosen):
    fields = {}
    if chosen:
        fields = {"sdg_goal_id": 11, "sdg_target": SdgTarget.objects.get(code="11.7")}
    with pytest.raises(IntegrityError), transaction.atomic():
        _tag(hub=oslo, **fields).save()


def test_each_of_the_four_alone_satisfies_the_check(oslo, climate, green_target):
    for fields in (
        {"sdg_goal_id": 11},
        {"sdg_target": SdgTarget.objects.get(code="11.7")},
        {"hub_goal": climate},
        {"local_target": green_target},
    ):
        _tag(hub=oslo, **fields).save()
    assert GoalTag.objects.count() == 4


def test_an_object_is_tagged_with_the_same_thing_only_once(oslo):
    _tag(hub=oslo, sdg_goal_id=11).save()
    with pytest.raises(IntegrityError), transaction.atomic():
        _tag(hub=oslo, sdg_goal_id=11).save()
    _tag(hub=oslo, sdg_goal_id=13).save()
