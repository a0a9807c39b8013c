"""The server log shows an expected client error as one line and a server error with its traceback."""

import io
import logging

import pytest
from django.urls import reverse

from apps.core.logging import OneLineClientErrors


def _console_handler() -> logging.StreamHandler:
    handlers = [
        h
        for h in logging.getLogger().handlers
        if isinstance(h, logging.StreamHandler) and any(isinstance(f, OneLineClientErrors) for f in h.filters)
    ]
    assert handlers, "the root logger's console handler has the one-line filter"
    return handlers[0]


@pytest.fixture
def log_output():
    handler = _console_handler()
    stream = io.StringIO()
    old = handler.setStream(stream)
    try:
        yield stream
    finally:
        handler.setStream(old)


def test_a_refused_page_is_one_line_in_the_log(client, oslo, bob, log_output):
    client.force_login(bob)
    response = client.get(reverse("hubs:roles", kwargs={"hub_slug": oslo.slug}))
    assert response.status_code == 403
    text = log_output.getvalue()
    assert "Forbidden (Permission denied): /oslo/manage/roles/" in text
    assert "Traceback" not in text
    assert len(text.strip().splitlines()) == 1


def test_a_missing_page_is_one_line_in_the_log(client, oslo, log_output):
    assert client.get("/oslo/initiatives/no-such-initiative/").status_code == 404
    text = log_output.getvalue()
    assert "Not Found" in text and "Traceback" not in text


def test_a_server_error_keeps_its_traceback():
    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "boom", (), None)
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        import sys

        record.exc_info = sys.exc_info()
    record.status_code = 500
    assert OneLineClientErrors().filter(record) and record.exc_info is not None

    refused = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "no", (), record.exc_info)
    refused.status_code = 403
    assert OneLineClientErrors().filter(refused) and refused.exc_info is None
