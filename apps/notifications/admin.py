from django.contrib import admin

from apps.notifications.models import Notification, NotificationPreference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "recipient", "hub", "kind", "created_at", "read_at", "emailed_at"]
    list_filter = ["kind", "hub"]
    search_fields = ["title", "recipient__email"]
    raw_id_fields = ["recipient"]


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "email", "updated_at"]
    raw_id_fields = ["user"]
