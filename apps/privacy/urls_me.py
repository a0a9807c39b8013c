"""Site-wide pages of privacy, under /me/privacy/."""

from django.urls import path  # noqa: F401

app_name = "privacy_me"
urlpatterns: list = []
