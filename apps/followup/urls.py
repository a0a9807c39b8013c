from django.urls import path

from apps.followup import views

app_name = "followup"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("initiatives/<slug:initiative_slug>/", views.initiative_followup, name="initiative"),
    path("initiatives/<slug:initiative_slug>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("initiatives/<slug:initiative_slug>/tasks/new/", views.task_create, name="task_create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/minutes/", views.meeting_minutes, name="meeting_minutes"),
    path("meetings/<int:pk>/action-points/", views.meeting_action_point, name="meeting_action_point"),
    path("tasks/<int:pk>/edit/", views.task_edit, name="task_edit"),
    path("tasks/<int:pk>/status/", views.task_status, name="task_status"),
]
