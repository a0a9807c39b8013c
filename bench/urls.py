"""The site's URLs plus /bench-minimal/, the smallest Django response: the benchmark's ceiling."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from allmenning.urls import urlpatterns as site_urlpatterns


def minimal(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


# Before the site's patterns: "<slug:hub_slug>/" would otherwise claim the path ("bench" and
# "bench-minimal" are no hub addresses anyway).
urlpatterns = [path("bench-minimal/", minimal, name="bench_minimal"), *site_urlpatterns]
