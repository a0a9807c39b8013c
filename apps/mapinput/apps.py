from django.apps import AppConfig


class MapinputConfig(AppConfig):
    name = "apps.mapinput"
    label = "mapinput"

    def ready(self) -> None:
        from apps.mapinput.selectors import place_counts
        from apps.participation.summary import register_place_counts

        # The input summary's "By place" (participation sits below map input and never imports it).
        register_place_counts("mapinput", place_counts)
