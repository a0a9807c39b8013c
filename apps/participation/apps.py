from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "apps.participation"
    label = "participation"
