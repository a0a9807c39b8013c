from django.urls import path

from apps.knowledge import views as knowledge_views
from apps.places import views

app_name = "places"
urlpatterns = [
    path("", views.area_map, name="map"),
    path("<str:code>/", views.area_detail, name="area"),
    # The decision brief draws on knowledge (and, later, initiatives and participation).
    path("<str:code>/brief/", knowledge_views.area_brief, name="brief"),
]
