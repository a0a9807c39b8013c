"""Knowledge pages under an area's own path (/<hub>/areas/<code>/…): the decision brief.

Included by apps.hubs.urls next to apps.places.urls, so the brief keeps the area's address while
places, below knowledge in the app graph, never imports it.
"""

from django.urls import path

from apps.knowledge import views

app_name = "knowledge_areas"
urlpatterns = [
    path("<str:code>/brief/", views.area_brief, name="brief"),
]
