from django.apps import AppConfig


class ConsolidationConfig(AppConfig):
    name = "apps.consolidation"
    label = "consolidation"
