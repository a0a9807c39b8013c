"""Pages of partners, under /<hub>/partners/."""

from django.urls import path  # noqa: F401

app_name = "partners"
urlpatterns: list = []
