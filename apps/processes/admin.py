from django.contrib import admin

from apps.processes.models import PhaseRun, ProcessRun, ProcessTemplate


@admin.register(ProcessTemplate)
class ProcessTemplateAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["key", "version", "source", "hub"]
    list_filter = ["source"]


class PhaseRunInline(admin.TabularInline):  # type: ignore[type-arg]
    model = PhaseRun
    fields = ["position", "name", "starts_on", "due_on", "status", "close_reason"]
    extra = 0


@admin.register(ProcessRun)
class ProcessRunAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["title", "hub", "initiative", "template_key", "started_on"]
    list_filter = ["hub"]
    inlines = [PhaseRunInline]
