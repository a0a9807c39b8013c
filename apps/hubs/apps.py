from django.apps import AppConfig


class HubsConfig(AppConfig):
    name = "apps.hubs"
    label = "hubs"
