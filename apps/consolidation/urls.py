"""Pages of consolidation, under /<hub>/consolidation/."""

from django.urls import path  # noqa: F401

app_name = "consolidation"
urlpatterns: list = []
