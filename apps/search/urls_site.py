"""The site-wide search page, under /search/."""

from django.urls import path

from apps.search import views

app_name = "search_site"
urlpatterns = [path("", views.site_search, name="index")]
