from django.apps import AppConfig


class InitiativesConfig(AppConfig):
    name = "apps.initiatives"
    label = "initiatives"
