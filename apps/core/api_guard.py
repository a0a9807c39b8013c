"""What stands in front of every API operation (`/api/`), whatever app answers it:

- **Numbers in range.** A path segment or a numeric query value (`offset`, `limit`, `page`,
  `year`, `cluster`, `…_id`) with more than `MAX_DIGITS` digits is answered 422 in the API's
  one error shape before it can reach the database (`offset=9223372036854775808` used to be a
  500 page). Ninja's own checks still bound `limit` (at most NINJA_PAGINATION_MAX_LIMIT) and
  refuse negative values with 422.
- **Body size.** A body over DATA_UPLOAD_MAX_MEMORY_SIZE is 413 JSON that says the limit.
- **Rate limits** (django-ratelimit, counted in the cache): reads by anonymous clients per IP
  address (`API_RATE_ANONYMOUS_READS`), writes per account or token, else per IP address
  (`API_RATE_WRITES`). Over the limit: 429 JSON with `Retry-After` (seconds).
- **Idempotency-Key.** A POST, PUT, PATCH or DELETE with an `Idempotency-Key` header (1–200
  visible ASCII characters) from a signed-in client is remembered with its answer
  (`apps.core.models.IdempotentRequest`, unique per sender and key, for
  `IDEMPOTENCY_LIFETIME`). Sending it again replays the first answer (`Idempotent-Replayed:
  true`) without writing again; the same key with another method, path or body is 422; a
  repeat that arrives while the first is still running waits for it briefly, then answers 409.
  Answers of 5xx are not kept, so the client may try again.
"""

import hashlib
import re
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django_ratelimit.core import _split_rate, is_ratelimited

from apps.core.models import IdempotentRequest

MAX_DIGITS = 15  # far beyond any id or offset; far below what a 64-bit column holds
NUMERIC_QUERY = re.compile(r"(offset|limit|page|year|cluster|[a-z_]*_id)")
INTEGER = re.compile(r"[+-]?\d+")
WRITES = {"POST", "PUT", "PATCH", "DELETE"}
KEY = re.compile(r"[\x21-\x7e]{1,200}")
IDEMPOTENCY_LIFETIME = timedelta(hours=24)
WAIT = 10.0  # seconds a repeated key waits for the first request to finish


def _error(
    status: int, detail: str, errors: list[dict[str, Any]] | None = None, **headers: str
) -> JsonResponse:
    response = JsonResponse({"detail": detail, "errors": errors or []}, status=status)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def _too_large_number(request: HttpRequest) -> JsonResponse | None:
    problems = []
    for segment in request.path.split("/"):
        if INTEGER.fullmatch(segment) and len(segment.lstrip("+-")) > MAX_DIGITS:
            problems.append(
                {"loc": ["path", "address"], "msg": f"at most {MAX_DIGITS} digits", "type": "too_large"}
            )
    for name, values in request.GET.lists():
        if NUMERIC_QUERY.fullmatch(name):
            for value in values:
                if INTEGER.fullmatch(value.strip()) and len(value.strip().lstrip("+-")) > MAX_DIGITS:
                    problems.append(
                        {"loc": ["query", name], "msg": f"at most {MAX_DIGITS} digits", "type": "too_large"}
                    )
    if not problems:
        return None
    where = ", ".join(dict.fromkeys(str(p["loc"][1]) for p in problems))
    return _error(
        422, f"Some values are not valid: {where} (a number with at most {MAX_DIGITS} digits).", problems
    )


def _too_large_body(request: HttpRequest) -> JsonResponse | None:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if limit is None or length <= limit or request.content_type == "multipart/form-data":
        return None
    return _error(
        413,
        f"The request body is too large: {length} bytes, at most {limit}. "
        "Send fewer points or shorter texts.",
    )


def _sender(request: HttpRequest) -> str | None:
    """Who sent the request, for limits and keys: a token (hashed) or an account; None if neither."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer ") and header[7:].strip():
        return "t" + hashlib.sha256(header[7:].strip().encode()).hexdigest()[:40]
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"u{user.pk}"
    return None


def _rate_limited(request: HttpRequest) -> JsonResponse | None:
    if not getattr(settings, "RATELIMIT_ENABLE", True):
        return None
    sender = _sender(request)
    if request.method in WRITES:
        rate, group = settings.API_RATE_WRITES, "api:writes"
    elif sender is None:
        rate, group = settings.API_RATE_ANONYMOUS_READS, "api:anonymous-reads"
    else:
        return None

    def key(_group: str, req: HttpRequest) -> str:
        return sender or f"ip:{req.META.get('REMOTE_ADDR', '')}"

    if not is_ratelimited(
        request, group=group, key=key, rate=rate, method=is_ratelimited.ALL, increment=True
    ):
        return None
    _count, period = _split_rate(rate)
    retry = max(1, period - int(time.time()) % period)
    return _error(429, f"Too many requests. Try again in {retry} seconds.", Retry_After=str(retry))


class ApiGuardMiddleware:
    """See the module docstring. Place it after the authentication middleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith("/api/"):
            return self.get_response(request)
        refused = _too_large_body(request) or _too_large_number(request) or _rate_limited(request)
        if refused is not None:
            return refused
        key = request.headers.get("Idempotency-Key")
        if key is None or request.method not in WRITES:
            return self.get_response(request)
        if not KEY.fullmatch(key):
            return _error(
                400,
                "The Idempotency-Key header must be 1 to 200 visible ASCII characters.",
                [
                    {
                        "loc": ["header", "Idempotency-Key"],
                        "msg": "1 to 200 visible ASCII characters",
                        "type": "invalid",
                    }
                ],
            )
        owner = _sender(request)
        if owner is None:  # not signed in: the operation answers 401 itself
            return self.get_response(request)
        return self._once(request, owner, key)

    def _once(self, request: HttpRequest, owner: str, key: str) -> HttpResponse:
        fingerprint = hashlib.sha256(
            b"\n".join([(request.method or "").encode(), request.get_full_path().encode(), request.body])
        ).hexdigest()
        row = _claim(owner, key, fingerprint)
        if isinstance(row, HttpResponse):
            return row
        try:
            response = self.get_response(request)
        except BaseException:
            IdempotentRequest.objects.filter(pk=row.pk).delete()
            raise
        if response.status_code >= 500 or response.streaming:
            IdempotentRequest.objects.filter(pk=row.pk).delete()
        else:
            IdempotentRequest.objects.filter(pk=row.pk).update(
                status=response.status_code,
                content_type=response.get("Content-Type", "")[:100],
                body=response.content,
            )
        return response


def _claim(owner: str, key: str, fingerprint: str) -> IdempotentRequest | HttpResponse:
    """The new row that claims (owner, key), or the answer for a repeat."""
    for _attempt in range(2):
        try:
            with transaction.atomic():
                return IdempotentRequest.objects.create(owner=owner, key=key, fingerprint=fingerprint)
        except IntegrityError:
            pass
        deadline = time.monotonic() + WAIT
        earlier = IdempotentRequest.objects.filter(owner=owner, key=key).first()
        while earlier is not None and earlier.status is None and time.monotonic() < deadline:
            time.sleep(0.05)
            earlier = IdempotentRequest.objects.filter(owner=owner, key=key).first()
        if earlier is None:
            continue  # the first failed and let go of the key: claim it again
        if earlier.created < timezone.now() - IDEMPOTENCY_LIFETIME:
            IdempotentRequest.objects.filter(pk=earlier.pk).delete()
            continue
        if earlier.fingerprint != fingerprint:
            return _error(
                422,
                "This Idempotency-Key was used for a different request (method, address or body).",
                [
                    {
                        "loc": ["header", "Idempotency-Key"],
                        "msg": "used for a different request",
                        "type": "reused",
                    }
                ],
            )
        if earlier.status is None:
            return _error(
                409,
                "A request with this Idempotency-Key is still running. Try again shortly.",
                Retry_After="1",
            )
        replay = HttpResponse(bytes(earlier.body), status=earlier.status, content_type=earlier.content_type)
        replay["Idempotent-Replayed"] = "true"
        return replay
    return _error(
        409, "A request with this Idempotency-Key is still running. Try again shortly.", Retry_After="1"
    )
