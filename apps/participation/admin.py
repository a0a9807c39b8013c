from django.contrib import admin

from apps.participation.models import Comment, Idea, Report, Support


@admin.register(Idea)
class IdeaAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "hub",
        "initiative",
        "area",
        "status",
        "support_count",
        "comment_count",
        "created",
    ]
    list_filter = ["hub", "status", "category"]
    search_fields = ["title", "body"]
    raw_id_fields = ["author", "initiative", "area"]
    readonly_fields = ["support_count", "comment_count"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "idea", "hidden", "created"]
    raw_id_fields = ["idea", "parent", "author"]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "created"]
    list_filter = ["status"]
    raw_id_fields = ["idea", "comment", "reporter", "resolved_by"]


admin.site.register(Support)
