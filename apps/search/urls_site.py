"""The site-wide search page, under /search/."""

from django.urls import path  # noqa: F401

app_name = "search_site"
urlpatterns: list = []
