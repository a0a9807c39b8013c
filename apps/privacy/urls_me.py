"""Site-wide pages of privacy, under /me/privacy/."""

from django.urls import path

from apps.privacy import views

app_name = "privacy_me"
urlpatterns = [
    path("", views.index, name="index"),
    path("download/", views.download, name="download"),
    path("archives/<int:pk>/", views.archive_download, name="archive_download"),
    path("delete/", views.delete_account, name="delete"),
    path("hubs/<slug:hub_slug>/retention/", views.retention, name="retention"),
]
