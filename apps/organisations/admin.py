from django.contrib import admin

from apps.organisations.models import Organisation, Representative


class RepresentativeInline(admin.TabularInline):
    model = Representative
    raw_id_fields = ["user"]
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "type", "country", "org_number"]
    list_filter = ["type", "country"]
    search_fields = ["name", "org_number"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [RepresentativeInline]
