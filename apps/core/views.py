"""Site-wide views: health check, and the page shown when something fails."""

import sys

from django.db import InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 with the database reachable, 503 if it is not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means "unreachable"
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "reachable"})


# While the database cannot be reached, a page answers 503 with Retry-After (a proxy or a browser
# may try again), not 500. The page is rendered without the request, so that no context
# processor touches the database.
DATABASE_DOWN = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: 503 with Retry-After when the cause is an unreachable database, else 500."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_DOWN):
        body = loader.get_template("503.html").render({"retry_after": RETRY_AFTER_SECONDS})
        response = HttpResponse(body, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponseServerError(loader.get_template("500.html").render({}))


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico, which browsers ask for before reading any page: the static icon (hashed and
    cached for a year by the static files server) behind a permanent redirect."""
    from django.http import HttpResponsePermanentRedirect
    from django.templatetags.static import static

    response = HttpResponsePermanentRedirect(static("img/favicon.ico"))
    response["Cache-Control"] = "public, max-age=86400"
    return response
