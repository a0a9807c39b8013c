from django.urls import path

from apps.establishment import views

app_name = "establishment"
urlpatterns = [
    path("", views.index, name="index"),
    path("area/", views.area, name="area"),
    path("area/save/", views.area_save, name="area_save"),
    path("meeting/", views.meeting, name="meeting"),
    path("meeting/text/", views.meeting_text, name="meeting_text"),
    path("meeting/invite/", views.invite, name="invite"),
]
