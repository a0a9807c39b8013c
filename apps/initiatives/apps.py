from django.apps import AppConfig


class InitiativesConfig(AppConfig):
    name = "apps.initiatives"
    label = "initiatives"

    def ready(self) -> None:
        # rules.py is found by rules' autodiscovery; initiatives can carry goal tags.
        from apps.goals.models import register_taggable

        register_taggable("initiatives.initiative")
