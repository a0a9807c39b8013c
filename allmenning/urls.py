"""URL map. Site-wide paths first; each hub lives at /<hub-slug>/ (slugs that would clash are
reserved, see apps.hubs.models.RESERVED_SLUGS)."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from allmenning.api import api
from apps.accounts import views as account_views
from apps.core.views import favicon, healthz
from apps.hubs import views as hub_views

urlpatterns = [
    path("", hub_views.hub_list, name="home"),
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    # Before the admin's own URLs: its login form would bypass the site's rate limits and lockout.
    path("admin/login/", account_views.admin_login, name="admin_login"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("", include("apps.accounts.urls")),
    path("organisations/", include("apps.organisations.urls")),
    path("notifications/", include("apps.notifications.urls")),
    path("me/tasks/", include("apps.followup.urls_me")),
    path("me/privacy/", include("apps.privacy.urls_me")),
    path("search/", include("apps.search.urls_site")),
    path("<slug:hub_slug>/", include("apps.hubs.urls")),
]

if settings.SERVE_MEDIA:
    urlpatterns.insert(0, re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}))

handler500 = "apps.core.views.server_error"
