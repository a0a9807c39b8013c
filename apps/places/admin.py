from django.contrib import admin

from apps.places.models import Area, AreaLevel


@admin.register(AreaLevel)
class AreaLevelAdmin(admin.ModelAdmin):
    list_display = ["__str__", "slug", "hub", "depth"]  # the name in the reader's language
    list_filter = ["hub"]
    search_fields = ["name", "name_nb", "name_sv", "slug"]


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "level", "parent", "hub"]
    list_filter = ["hub", "level"]
    search_fields = ["name", "code"]
    list_select_related = ["level", "parent", "hub"]
    raw_id_fields = ["parent"]
    exclude = ["neighbours"]
    readonly_fields = ["geometry", "min_lon", "min_lat", "max_lon", "max_lat", "label_lon", "label_lat"]
