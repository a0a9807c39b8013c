from django.contrib import admin

from apps.hubs.models import Hub, Membership, Partnership, WorkingGroup, WorkingGroupMember


@admin.register(Hub)
class HubAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "place", "country", "accepts_members"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "slug", "place"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "hub", "status", "is_steward", "is_network_lead", "is_board", "applied_at"]
    list_filter = ["hub", "status", "is_steward", "is_network_lead", "is_board"]
    search_fields = ["user__email", "user__name"]
    raw_id_fields = ["user", "decided_by"]
    list_select_related = ["user", "hub"]


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["organisation", "hub", "status", "applied_at"]
    list_filter = ["hub", "status"]
    raw_id_fields = ["organisation", "applied_by", "decided_by"]
    list_select_related = ["organisation", "hub"]


class WorkingGroupMemberInline(admin.TabularInline):
    model = WorkingGroupMember
    raw_id_fields = ["user"]
    extra = 0


@admin.register(WorkingGroup)
class WorkingGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "hub", "lead"]
    list_filter = ["hub"]
    raw_id_fields = ["lead"]
    inlines = [WorkingGroupMemberInline]
