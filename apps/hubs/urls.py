from django.urls import include, path

from apps.hubs import views

app_name = "hubs"
urlpatterns = [
    path("", views.hub_home, name="home"),
    path("join/", views.membership_apply, name="join"),
    path("leave/", views.membership_leave, name="leave"),
    path("partner/", views.partnership_apply, name="partner_apply"),
    path("members/", views.member_directory, name="members"),
    path("members/<int:user_id>/", views.member_detail, name="member"),
    path("partners/", views.partner_list, name="partners"),
    path("groups/", views.working_group_list, name="working_groups"),
    path("groups/new/", views.working_group_create, name="working_group_create"),
    path("groups/<slug:group_slug>/", views.working_group_detail, name="working_group"),
    path("groups/<slug:group_slug>/edit/", views.working_group_edit, name="working_group_edit"),
    path(
        "groups/<slug:group_slug>/membership/",
        views.working_group_membership,
        name="working_group_membership",
    ),
    path("manage/applications/", views.applications, name="applications"),
    path("manage/memberships/<int:pk>/decide/", views.membership_decide, name="membership_decide"),
    path("manage/partnerships/<int:pk>/decide/", views.partnership_decide, name="partnership_decide"),
    path("manage/roles/", views.roles, name="roles"),
    path("manage/roles/<int:pk>/", views.roles_update, name="roles_update"),
    path("manage/settings/", views.hub_settings, name="settings"),
    path("manage/audit/", views.audit_log, name="audit_log"),
    path("areas/", include("apps.places.urls")),
    path("areas/", include("apps.knowledge.urls_areas")),
    path("goals/", include("apps.goals.urls")),
    path("knowledge/", include("apps.knowledge.urls")),
    path("initiatives/", include("apps.initiatives.urls")),
    path("processes/", include("apps.processes.urls")),
    path("follow-up/", include("apps.followup.urls")),
    path("ideas/", include("apps.participation.urls")),
    path("marks/", include("apps.mapinput.urls")),
    path("surveys/", include("apps.surveys.urls")),
    path("visions/", include("apps.visions.urls")),
    path("events/", include("apps.events.urls")),
]
