from django.apps import AppConfig


class VisionsConfig(AppConfig):
    name = "apps.visions"
    label = "visions"
