"""The API is consistent: readable operation ids, one spelling per path parameter, ninja's
pagination on lists, one error shape, and every error a real request gets is one its operation
declares, with a body that validates against the OpenAPI document."""

import json
import re

import pytest
from openapi_schema_validator import OAS31Validator

from apps.core.api import ErrorOut
from tests.factories import HubFactory

PATH_PARAMETERS = {"hub_slug", "initiative_slug", "code", "number", "key", "space"}
# Any other path parameter names one object by its id: `<thing>_id`.
ID_PARAMETER = re.compile(r"[a-z]+_id")
# Operation ids are the view's name, verb first: reads list or get, writes say what they do.
OPERATION_ID = re.compile(r"(list|get|create|set|update|delete|confirm|cast|sign|open|close|publish)_[a-z_]+")
SUCCESS = {"200", "201"}
# Lists that are not pages: GeoJSON collections, iCalendar, CSV-capable values, one run's phases.
NOT_PAGED = {"list_areas", "list_marks", "list_indicator_values", "list_initiative_phases", "get_events_ical"}


@pytest.fixture
def spec(client, db):
    return client.get("/api/v1/openapi.json").json()


def operations(spec):
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            yield path, method, op


def test_operation_ids_are_readable_and_unique(spec):
    ids = [op["operationId"] for _p, _m, op in operations(spec)]
    assert len(ids) == len(set(ids)) > 30
    assert all(OPERATION_ID.fullmatch(i) for i in ids), ids
    reads = [op["operationId"] for _p, method, op in operations(spec) if method == "get"]
    assert all(re.fullmatch(r"(list|get)_[a-z_]+", i) for i in reads), reads


def test_each_path_parameter_has_one_spelling(spec):
    names = {
        p["name"] for path, _m, op in operations(spec) for p in op.get("parameters", []) if p["in"] == "path"
    }
    odd = {name for name in names - PATH_PARAMETERS if not ID_PARAMETER.fullmatch(name)}
    assert not odd, odd


CURSOR_PAGE = {"items", "count", "next_cursor", "previous_cursor"}
# Search counts up to a cap and says whether there were more (apps.search.api.CappedPagination).
CAPPED_PAGE = {"items", "count", "more"}


def test_lists_are_ninja_pages_and_every_operation_declares_its_errors(spec):
    for path, _method, op in operations(spec):
        responses = op["responses"]
        errors = {code for code in responses if code not in SUCCESS}
        assert errors, f"{path} declares no errors"
        for code in errors:
            schema = responses[code]["content"]["application/json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/ErrorOut"}, (path, code)
        if "{hub_slug}" in path:
            assert "404" in errors, f"{path} can answer 404 for an unknown hub"
        name = op["operationId"]
        if name.startswith("list_") and name not in NOT_PAGED:
            ok = responses["200"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
            properties = set(spec["components"]["schemas"][ok]["properties"])
            # A big list also hands out keyset cursors (apps.core.api_pagination) and takes one back.
            assert properties in ({"items", "count"}, CURSOR_PAGE, CAPPED_PAGE), path
            parameters = {p["name"] for p in op.get("parameters", [])}
            assert {"limit", "offset"} <= parameters, path
            if properties == CURSOR_PAGE:
                assert "cursor" in parameters and "400" in errors, path


def _declared_error(spec, template, status, body):
    op = spec["paths"][template]["get"]
    assert str(status) in op["responses"], f"{template} answered {status}, which it does not declare"
    schema = {
        **op["responses"][str(status)]["content"]["application/json"]["schema"],
        "components": spec["components"],
    }
    errors = [e.message for e in OAS31Validator(schema).iter_errors(body)]
    assert errors == []
    ErrorOut.model_validate(body)  # and the one shape: detail and errors
    assert isinstance(body["detail"], str) and body["detail"] and isinstance(body["errors"], list)


@pytest.mark.parametrize(
    ("url", "template", "status"),
    [
        ("/api/v1/hubs/nowhere", "/api/v1/hubs/{hub_slug}", 404),
        ("/api/v1/hubs/nowhere/initiatives", "/api/v1/hubs/{hub_slug}/initiatives", 404),
        ("/api/v1/hubs?limit=many", "/api/v1/hubs", 422),
        ("/api/v1/hubs/oslo/initiatives?format=xml", "/api/v1/hubs/{hub_slug}/initiatives", 400),
        ("/api/v1/hubs/oslo/ideas/abc", "/api/v1/hubs/{hub_slug}/ideas/{idea_id}", 422),
        ("/api/v1/sdg/goals/99", "/api/v1/sdg/goals/{number}", 404),
        ("/api/v1/me/tasks", "/api/v1/me/tasks", 401),
        ("/api/v1/hubs/oslo/areas?level=nope", "/api/v1/hubs/{hub_slug}/areas", 400),
    ],
)
def test_real_errors_are_declared_and_in_the_one_shape(client, spec, url, template, status):
    HubFactory(slug="oslo")
    response = client.get(url)
    assert response.status_code == status, response.content
    _declared_error(spec, template, status, json.loads(response.content))


def test_a_422_says_which_value_is_wrong(client, db):
    body = client.get("/api/v1/hubs?limit=many&offset=-1").json()
    assert body["detail"].startswith("Some values are not valid:")
    assert {tuple(e["loc"]) for e in body["errors"]} >= {("query", "limit")}
