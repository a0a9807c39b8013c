"""The scope graph is a decision for every model: a new model fails here until it is exported,
referenced, catalogue or excluded with a reason."""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType

from apps.transfer import scope
from apps.transfer.archive import ordered_labels


def test_every_model_of_the_project_is_classified():
    assert scope.unclassified() == []


def test_the_lists_do_not_overlap_and_name_real_models():
    lists = [set(scope.HUB_SCOPED), set(scope.REFERENCED), set(scope.EXCLUDED)]
    for i, first in enumerate(lists):
        for second in lists[i + 1 :]:
            assert not first & second
    for label in [*scope.HUB_SCOPED, *scope.REFERENCED, *scope.CATALOGUE, *scope.EXCLUDED]:
        assert apps.get_model(label)
    assert all(reason.strip() for reason in scope.EXCLUDED.values())


def test_a_model_with_a_key_to_a_hub_is_never_left_out_silently():
    """Any model that points at a hub (directly) is hub-scoped or excluded with its reason."""
    for model in scope.project_models():
        points_at_hub = any(
            f.is_relation and f.related_model is not None and f.related_model._meta.label == "hubs.Hub"
            for f in model._meta.concrete_fields
        )
        if points_at_hub:
            label = model._meta.label
            assert label in scope.HUB_SCOPED or label in scope.EXCLUDED, label


def test_every_lookup_reaches_the_hub(oslo):
    for label in scope.HUB_SCOPED:
        scope.hub_queryset(apps.get_model(label), oslo).exists()


def test_hub_scoped_rows_point_only_at_what_travels():
    """A key from a hub's row goes to another hub row, a referenced or a catalogue model:
    never to an excluded model (it would be lost)."""
    travels = set(scope.HUB_SCOPED) | set(scope.REFERENCED) | set(scope.CATALOGUE)
    for label in scope.HUB_SCOPED:
        model = apps.get_model(label)
        for f in [*model._meta.concrete_fields, *model._meta.local_many_to_many]:
            if f.is_relation and f.related_model is not None:
                assert f.related_model._meta.label in travels, (label, f.name)


def test_generic_keys_are_all_known():
    for label in scope.HUB_SCOPED:
        model = apps.get_model(label)
        to_content_type = [
            f.name for f in model._meta.concrete_fields if f.is_relation and f.related_model is ContentType
        ]
        if to_content_type:
            assert label in scope.GENERIC, label
            assert scope.GENERIC[label][0] in to_content_type


def test_the_import_order_puts_every_required_key_first():
    order = ordered_labels()
    position = {label: n for n, label in enumerate(order)}
    assert set(order) == set(scope.HUB_SCOPED) | set(scope.REFERENCED)
    for label in order:
        for f in apps.get_model(label)._meta.concrete_fields:
            if f.is_relation and not f.null and f.related_model._meta.label in position:
                assert position[f.related_model._meta.label] < position[label], (label, f.name)


def test_held_back_fields_exist():
    for label, fields in scope.HELD_BACK.items():
        model = apps.get_model(label)
        for name in fields:
            model._meta.get_field(name)
