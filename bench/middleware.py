"""A time budget per SQL statement, for the benchmark only (allmenning.settings.bench).

A statement that runs past BENCH_QUERY_TIMEOUT seconds is interrupted, so its request ends
with a 500 instead of holding a worker for minutes; bench/run.py reports it as an error.
SQLite has no statement timeout, so a progress handler checks the clock while a statement
runs; PostgreSQL gets `statement_timeout` in the bench settings instead.
"""

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse


def _sqlite_budget(execute: Callable, sql: str, params: Any, many: bool, context: dict) -> Any:
    raw = context["connection"].connection
    deadline = time.monotonic() + settings.BENCH_QUERY_TIMEOUT
    raw.set_progress_handler(lambda: time.monotonic() > deadline, 50_000)
    try:
        return execute(sql, params, many, context)
    finally:
        raw.set_progress_handler(None, 0)


class QueryBudgetMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if connection.vendor != "sqlite" or not settings.BENCH_QUERY_TIMEOUT:
            return self.get_response(request)
        with connection.execute_wrapper(_sqlite_budget):
            return self.get_response(request)
