"""Pages of dialogues, under /<hub>/dialogues/."""

from django.urls import path  # noqa: F401

app_name = "dialogues"
urlpatterns: list = []
