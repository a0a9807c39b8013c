"""The old address of a merged initiative answers 301 to the surviving one.

`MergedInitiativeRedirectMiddleware` looks at paths `/<hub>/initiatives/<slug>/…` only: if the
initiative at that address was merged, the page (and any page below it) redirects permanently
to the same place on the surviving initiative. It needs one line in settings.MIDDLEWARE (after
CommonMiddleware): "apps.consolidation.middleware.MergedInitiativeRedirectMiddleware".
"""

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect

from .selectors import merged_target_by_path

PATH = re.compile(r"^/(?P<hub>[-\w]+)/initiatives/(?P<slug>[-\w]+)/(?P<rest>.*)$")
RESERVED = {"new", "map", "geojson"}


class MergedInitiativeRedirectMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in {"GET", "HEAD"}:
            match = PATH.match(request.path_info)
            if match and match["slug"] not in RESERVED:
                target = merged_target_by_path(hub_slug=match["hub"], slug=match["slug"])
                if target is not None:
                    url = target.get_absolute_url() + match["rest"]
                    if request.META.get("QUERY_STRING"):
                        url += "?" + request.META["QUERY_STRING"]
                    return HttpResponsePermanentRedirect(url)
        return self.get_response(request)
