from django.apps import AppConfig


class VolunteersConfig(AppConfig):
    name = "apps.volunteers"
    label = "volunteers"
