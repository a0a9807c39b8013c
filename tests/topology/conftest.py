"""The topology test runs against servers in other processes, on their own PostgreSQL database
and Redis: it needs none of pytest-django's test database, and `make test` leaves it out (it is
collected only when `-m` names it, as `.ci/run` does after the PostgreSQL suite)."""

import pytest


@pytest.fixture(scope="session")
def django_db_setup():
    """No test database for this directory: the servers under test migrate their own."""
    yield


def pytest_collection_modifyitems(config, items):
    if "topology" in (config.getoption("markexpr") or ""):
        return
    kept = [item for item in items if item.get_closest_marker("topology") is None]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[item for item in items if item not in kept])
        items[:] = kept
