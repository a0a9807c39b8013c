"""Pages of volunteers, under /<hub>/volunteers/."""

from django.urls import path  # noqa: F401

app_name = "volunteers"
urlpatterns: list = []
