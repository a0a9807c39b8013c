from django.urls import path

from apps.knowledge import views

app_name = "knowledge"
urlpatterns = [
    path("", views.explorer, name="explorer"),
    path("bubbles/", views.bubbles, name="bubbles"),
    path("bubbles/data/", views.bubbles_data, name="bubbles_data"),
]
