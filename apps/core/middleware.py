"""Response headers every page carries beyond Django's own (security, CSP from django-csp)."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class PermissionsPolicyMiddleware:
    """Sets `Permissions-Policy` (settings.PERMISSIONS_POLICY): the browser features no page of
    Allmenning uses (camera, microphone, geolocation, payment …) are switched off for it and for
    anything it embeds. A view that sets the header itself keeps its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = settings.PERMISSIONS_POLICY
        if policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = policy
        return response
