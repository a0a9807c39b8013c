from django.contrib import admin

from apps.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created", "hub", "actor", "action", "target_repr"]
    list_filter = ["hub", "action"]
    search_fields = ["target_repr", "reason"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]
    # The log is append-only: no adding, changing, deleting nor the bulk "delete selected".
    actions = None

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
