"""URL map. Site-wide paths first; each hub lives at /<hub-slug>/ (slugs that would clash are
reserved, see apps.hubs.models.RESERVED_SLUGS)."""

from django.contrib import admin
from django.urls import include, path

from allmenning.api import api
from apps.core.views import healthz
from apps.hubs import views as hub_views

urlpatterns = [
    path("", hub_views.hub_list, name="home"),
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("", include("apps.accounts.urls")),
    path("organisations/", include("apps.organisations.urls")),
    path("<slug:hub_slug>/", include("apps.hubs.urls")),
]
