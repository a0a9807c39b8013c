from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "apps.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from apps.hubs.signals import hub_imported
        from apps.search import services, signals

        signals.connect()
        # A hub imported from an archive came in bulk, without save signals: index it whole.
        hub_imported.connect(
            lambda sender, hub, **kwargs: services.rebuild(hub=hub),
            dispatch_uid="search_hub_imported",
            weak=False,
        )
