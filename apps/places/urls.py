from django.urls import path

from apps.places import views

app_name = "places"
urlpatterns = [
    path("", views.area_map, name="map"),
    path("<str:code>/", views.area_detail, name="area"),
]
