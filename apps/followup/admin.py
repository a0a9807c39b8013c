from django.contrib import admin

from apps.followup.models import Meeting, Task


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["initiative", "kind", "hub", "scheduled_at", "minutes_recorded_at"]
    list_filter = ["kind", "hub"]
    raw_id_fields = ["initiative", "participants", "minutes_recorded_by", "created_by"]


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ["title", "hub", "assignee", "status", "due_on"]
    list_filter = ["status", "hub"]
    search_fields = ["title"]
    raw_id_fields = ["initiative", "meeting", "assignee", "created_by"]
