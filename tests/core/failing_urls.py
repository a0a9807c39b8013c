"""A URL map with a view that fails for another reason than the database."""

from django.http import HttpRequest, HttpResponse
from django.urls import path


def fails(request: HttpRequest) -> HttpResponse:
    raise ZeroDivisionError("not the database")


urlpatterns = [path("fails/", fails)]
handler500 = "apps.core.views.server_error"
