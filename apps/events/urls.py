from django.urls import path

from apps.events import views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("calendar.ics", views.hub_calendar, name="calendar"),
    path("e/<int:pk>/", views.event_detail, name="detail"),
    path("e/<int:pk>.ics", views.event_ics, name="ics"),
    path("e/<int:pk>/edit/", views.event_edit, name="edit"),
    path("e/<int:pk>/register/", views.register, name="register"),
    path("e/<int:pk>/cancel/", views.cancel, name="cancel"),
    path("e/<int:pk>/minutes/", views.minutes, name="minutes"),
    path("e/<int:pk>/action-points/", views.action_point_add, name="action_point_add"),
    path("<str:space_key>/", views.space_list, name="space"),
    path("<str:space_key>/calendar.ics", views.space_calendar, name="space_calendar"),
    path("<str:space_key>/new/", views.event_create, name="create"),
]
