from django.apps import AppConfig


class MapinputConfig(AppConfig):
    name = "apps.mapinput"
    label = "mapinput"
