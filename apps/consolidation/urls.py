"""Pages of consolidation, under /<hub>/consolidation/."""

from django.urls import path

from . import views

app_name = "consolidation"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("pairs/<int:pair_id>/", views.pair_detail, name="pair"),
]
