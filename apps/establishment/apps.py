from django.apps import AppConfig


class EstablishmentConfig(AppConfig):
    name = "apps.establishment"
    label = "establishment"
