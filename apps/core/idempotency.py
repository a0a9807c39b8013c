"""Double submission of a form does the work once.

Every `{% csrf_token %}` on a page also writes a hidden `_form_token`: a random value minted for
that one rendering of the form (the tag is replaced through the template engine's builtins, see
`apps.core.templatetags.form_token`, so no template needs editing). `FormTokenMiddleware` claims
the token in the cache when the form is posted, keyed by the visitor (their account, or their
session), before the view runs:

- the first post runs; if it ends in a redirect (the usual "post, then redirect" of a form that
  worked), the redirect's address is kept with the token for `TOKEN_LIFETIME`;
- a second post of the same rendering (a double click, the back button, a resent request) does
  not run the view again: it is sent to where the first one went (303), or, while the first is
  still running, waits for it a moment and then does the same;
- a post that did not end in a redirect (the form had errors) frees its token, so the corrected
  form can be sent again.

Forms without the token (other sites' posts are refused by CSRF anyway; API clients and tests that
post plain data) are unaffected. The cache's atomic `add` is the claim, so two posts racing each
other in two threads or workers get one run (Redis in production)."""

import hashlib
import secrets
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render

FIELD = "_form_token"
TOKEN_LIFETIME = 6 * 60 * 60  # seconds a used token keeps sending repeats to the first result
PENDING = "…"
WAIT = 10.0  # seconds a repeat waits for the first post to finish
MAX_TOKEN = 64


def new_token() -> str:
    return secrets.token_urlsafe(16)


def _owner(request: HttpRequest) -> str | None:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"u{user.pk}"
    session = getattr(request, "session", None)
    if session is not None and session.session_key:
        return f"s{session.session_key}"
    csrf = request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
    if csrf:  # a visitor without a session: their browser's CSRF cookie tells them apart
        return "c" + hashlib.sha256(csrf.encode()).hexdigest()[:32]
    return None  # no one to tell apart: nothing can be remembered


def _cache_key(owner: str, token: str) -> str:
    return f"form-token:{owner}:{token}"


class RepeatedSubmission(HttpResponseRedirect):
    status_code = 303


class FormTokenMiddleware:
    """See the module docstring. Place it after the authentication middleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        claimed = self._claim(request)
        if isinstance(claimed, HttpResponse):
            return claimed
        response = self.get_response(request)
        if claimed is not None:
            if response.status_code in (301, 302, 303) and response.get("Location"):
                cache.set(claimed, response["Location"], TOKEN_LIFETIME)
            else:
                cache.delete(claimed)
        return response

    def _claim(self, request: HttpRequest) -> str | HttpResponse | None:
        if request.method != "POST" or request.path.startswith("/api/"):
            return None
        try:
            token = request.POST.get(FIELD, "")
        except RequestDataTooBig:
            return too_large(request)
        owner = _owner(request)
        if not token or len(token) > MAX_TOKEN or owner is None:
            return None
        key = _cache_key(owner, token)
        if cache.add(key, PENDING, TOKEN_LIFETIME):
            return key
        deadline = time.monotonic() + WAIT
        location = cache.get(key)
        while location == PENDING and time.monotonic() < deadline:
            time.sleep(0.05)
            location = cache.get(key)
        if isinstance(location, str) and location != PENDING:
            return RepeatedSubmission(location)
        if location is None:  # the first post failed and freed the token meanwhile: run this one
            return key if cache.add(key, PENDING, TOKEN_LIFETIME) else None
        return RepeatedSubmission(request.get_full_path())


def too_large(request: HttpRequest) -> HttpResponse:
    """413 with what the limit is, instead of a bare "something in the request was not right"."""
    return render(request, "413.html", {"limit": settings.DATA_UPLOAD_MAX_MEMORY_SIZE}, status=413)


def form_token_input(context: Any) -> str:
    """The hidden input (one token per rendering of a form)."""
    return f'<input type="hidden" name="{FIELD}" value="{new_token()}">'
