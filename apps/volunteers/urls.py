"""Pages of volunteers, under /<hub>/volunteers/."""

from django.urls import path

from apps.volunteers import views

app_name = "volunteers"
urlpatterns = [
    path("mine/", views.my_shifts, name="mine"),
    path("mine.ics", views.my_calendar, name="my_calendar"),
    path("feed/<str:key>.ics", views.feed_calendar, name="feed"),
    path("i/<slug:initiative_slug>/", views.initiative_shifts, name="initiative"),
    path("i/<slug:initiative_slug>/roles/", views.role_create, name="role_create"),
    path("i/<slug:initiative_slug>/shifts/", views.shift_create, name="shift_create"),
    path("s/<int:pk>/", views.shift_detail, name="shift"),
    path("s/<int:pk>.ics", views.shift_ics, name="shift_ics"),
    path("s/<int:pk>/signup/", views.signup, name="signup"),
    path("s/<int:pk>/signup/cancel/", views.signup_cancel, name="signup_cancel"),
    path("s/<int:pk>/cancel/", views.shift_cancel, name="cancel"),
    path("s/<int:pk>/message/", views.message, name="message"),
    path("s/<int:pk>/hours/", views.hours_log, name="hours"),
    path("s/<int:pk>/sheet/", views.day_sheet, name="sheet"),
    path("hours/<int:pk>/confirm/", views.hours_confirm, name="hours_confirm"),
]
