"""A URL map with views whose one query runs past a very short statement timeout (PostgreSQL)."""

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.urls import path


def slow(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 50")
        try:
            cursor.execute("SELECT pg_sleep(2)")
        finally:
            cursor.execute("SET statement_timeout = 0")
    return HttpResponse("not reached")


urlpatterns = [path("slow/", slow), path("api/v1/slow", slow)]
handler500 = "apps.core.views.server_error"
