"""Every relation from any model to the user model is in the archive or deliberately left out:
a new model with a user field fails here until apps/privacy/coverage.py says which."""

from django.apps import apps
from django.conf import settings

from apps.privacy.coverage import EXCLUDED, EXPORTED


def user_relations() -> set[str]:
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    found = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.is_relation and not field.auto_created and field.related_model is user_model:
                found.add(f"{model._meta.label}.{field.name}")
    return found


def test_every_relation_to_a_person_is_exported_or_deliberately_excluded():
    missing = user_relations() - set(EXPORTED) - set(EXCLUDED)
    assert not missing, f"Add these to EXPORTED or EXCLUDED in apps/privacy/coverage.py: {sorted(missing)}"


def test_no_entry_names_a_relation_that_does_not_exist():
    stale = (set(EXPORTED) | set(EXCLUDED)) - user_relations()
    assert not stale, f"No such relation to the user model: {sorted(stale)}"


def test_a_relation_is_either_exported_or_excluded_not_both():
    assert not set(EXPORTED) & set(EXCLUDED)
