from django.contrib import admin

from apps.knowledge.models import ImportRun, Indicator, Observation


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name_en", "category", "unit", "hub"]
    list_filter = ["hub", "category"]
    search_fields = ["code", "name_en", "name_sv", "name_nb"]


@admin.register(Observation)
class ObservationAdmin(admin.ModelAdmin):
    list_display = ["indicator", "area", "year", "breakdown_key", "breakdown_value", "value"]
    list_filter = ["indicator__hub", "year"]
    search_fields = ["indicator__code", "area__code"]
    raw_id_fields = ["indicator", "area"]
    list_select_related = ["indicator", "area"]
    show_full_result_count = False


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = ["finished_at", "hub", "kind", "source", "checksum"]
    list_filter = ["hub", "kind"]
    readonly_fields = ["hub", "kind", "source", "checksum", "finished_at", "summary"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False
