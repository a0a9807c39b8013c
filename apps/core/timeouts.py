"""A query the database stopped because it ran too long answers 503, not a 500 with a traceback.

Production sets PostgreSQL's `statement_timeout` (settings.DATABASE_STATEMENT_TIMEOUT_MS, from the
environment), so that one slow query cannot hold a worker and a connection for ever. When it
fires, psycopg raises `QueryCanceled`, which Django hands on as `django.db.OperationalError`.
`QueryTimeoutMiddleware` answers that with 503 and `Retry-After`: JSON in the API's one error
shape under /api/, else a translated page. Nothing was written: the statement was rolled back.
"""

import logging
from collections.abc import Callable

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 10
CANCELLED_SQLSTATE = "57014"  # query_canceled: statement_timeout or a cancel request


def is_query_timeout(error: BaseException) -> bool:
    """Whether `error` is a statement the database cancelled (timeout), not any other failure."""
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__
    if getattr(cause, "sqlstate", None) == CANCELLED_SQLSTATE:
        return True
    text = str(error).lower()
    return "statement timeout" in text or "canceling statement" in text


def query_timeout_response(request: HttpRequest) -> HttpResponse:
    """503 with Retry-After: JSON for the API, a page for everyone else."""
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse(
            {
                "detail": _(
                    "The request took too long and was stopped. Nothing was changed. "
                    "Try again, or ask for less (a narrower filter or a smaller limit)."
                ),
                "errors": [],
            },
            status=503,
        )
    else:
        body = loader.get_template("503_timeout.html").render(
            {"retry_after": RETRY_AFTER_SECONDS}, request=None
        )
        response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class QueryTimeoutMiddleware:
    """See the module docstring. Place it early, so it sees what views and middleware below raise."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_query_timeout(exception):
            return None
        logger.warning("A query ran past the statement timeout: %s %s", request.method, request.path)
        return query_timeout_response(request)
