"""What every part of the API shares: one error shape, the error responses each operation
declares, and readable operation ids.

Every error answers `{"detail": "<a sentence>", "errors": [...]}`: `errors` lists the fields of
a 422 (where, what is wrong), and is empty otherwise. Operations declare the errors they can
answer with `responses(200, X, 404, 422)`-style helpers below, so the OpenAPI document says
what a client must handle; `tests/test_api_contract.py` checks real answers against it.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError


class FieldProblem(Schema):
    loc: list[str | int]
    msg: str
    type: str


class ErrorOut(Schema):
    detail: str
    errors: list[FieldProblem] = []


# The errors an operation can answer: 404 (an unknown hub or object), 422 (a query or path value
# of the wrong type), 400 (a value of the right type that means nothing here), 401 and 403.
NOT_FOUND = {404: ErrorOut}
INVALID = {422: ErrorOut}
BAD_REQUEST = {400: ErrorOut}
SIGNED_IN = {401: ErrorOut}
FORBIDDEN = {403: ErrorOut}


def answers(ok: Any, *errors: dict[int, Any]) -> dict[int, Any]:
    """`response=` for an operation: its 200 body and the errors it can answer."""
    out: dict[int, Any] = {200: ok}
    for group in errors:
        out.update(group)
    return out


# Every operation can answer 429 (rate limits), a write 413 (too large a body) and, with an
# Idempotency-Key, 409 (the same key still running): apps.core.api_guard answers them before
# the operation runs.
GUARD_ERRORS = {"429": "Too many requests (see Retry-After)."}
BODY_ERRORS = {"413": "The request body is too large."}
KEY_ERRORS = {"409": "A request with the same Idempotency-Key is still running."}


class AllmenningAPI(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        """The document, with the errors apps.core.api_guard answers for every operation."""
        schema = super().get_openapi_schema(*args, **kwargs)
        ref = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}}
        for operations in schema.get("paths", {}).values():
            for method, operation in operations.items():
                extra = GUARD_ERRORS | (
                    KEY_ERRORS | BODY_ERRORS if method in ("post", "put", "patch", "delete") else {}
                )
                for code, description in extra.items():
                    operation.setdefault("responses", {}).setdefault(
                        code, {"description": description, **ref}
                    )
        return schema

    def get_openapi_operation_id(self, operation: Any) -> str:
        """The view's own name (`list_initiatives`, `get_hub`): every name is used once."""
        return str(operation.view_func.__name__)


def _validation_error(request: HttpRequest, exc: Any, api: NinjaAPI) -> HttpResponse:
    problems = [
        {
            "loc": [str(p) if not isinstance(p, int) else p for p in e.get("loc", [])],
            "msg": e.get("msg", ""),
            "type": e.get("type", ""),
        }
        for e in exc.errors
    ]
    where = ", ".join(".".join(str(p) for p in e["loc"][1:] or e["loc"]) for e in problems)
    return api.create_response(
        request, {"detail": f"Some values are not valid: {where}.", "errors": problems}, status=422
    )


def _permission_denied(request: HttpRequest, exc: Any, api: NinjaAPI) -> HttpResponse:
    return api.create_response(
        request, {"detail": str(exc) or "You do not have permission to do this.", "errors": []}, status=403
    )


def _authentication(request: HttpRequest, exc: Any, api: NinjaAPI) -> HttpResponse:
    return api.create_response(request, {"detail": "Sign in to use this.", "errors": []}, status=401)


def _not_found(request: HttpRequest, exc: Any, api: NinjaAPI) -> HttpResponse:
    return api.create_response(request, {"detail": "Not found.", "errors": []}, status=404)


def _http_error(request: HttpRequest, exc: Any, api: NinjaAPI) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc), "errors": []}, status=exc.status_code)


def _service_error(request: HttpRequest, exc: DjangoValidationError, api: NinjaAPI) -> HttpResponse:
    """A service refused the values (a translated ValidationError): 400, each field's reason."""
    problems: list[dict[str, Any]] = []
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                message = error.message % error.params if error.params else error.message
                problems.append(
                    {"loc": ["body", field], "msg": str(message), "type": error.code or "invalid"}
                )
    else:
        for error in exc.error_list:
            message = error.message % error.params if error.params else error.message
            problems.append({"loc": ["body"], "msg": str(message), "type": error.code or "invalid"})
    detail = " ".join(p["msg"] for p in problems) or "The values are not valid."
    return api.create_response(request, {"detail": detail, "errors": problems}, status=400)


def install_error_handlers(api: NinjaAPI) -> None:
    """Every error in the one shape, whatever raised it."""
    api.add_exception_handler(DjangoValidationError, lambda r, e: _service_error(r, e, api))  # type: ignore[arg-type]
    api.add_exception_handler(Http404, lambda r, e: _not_found(r, e, api))
    api.add_exception_handler(HttpError, lambda r, e: _http_error(r, e, api))
    api.add_exception_handler(ValidationError, lambda r, e: _validation_error(r, e, api))
    api.add_exception_handler(PermissionDenied, lambda r, e: _permission_denied(r, e, api))
    api.add_exception_handler(AuthenticationError, lambda r, e: _authentication(r, e, api))
