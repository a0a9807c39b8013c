"""Shared fixtures: a story cast in two hubs.

Oslo has a steward (stella), a network lead (nora), a board member (bob), a member (mia)
and a visitor with no membership (vic). Södertörn has its own steward (sven), who must have
no power in Oslo.
"""

import contextlib
import os

import pytest
from django.core.cache import cache

from tests.factories import (
    HubFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    RepresentativeFactory,
    UserFactory,
    WorkingGroupFactory,
    WorkingGroupMemberFactory,
)

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# next to it are ordinary synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """One test database per pytest process: two runs at once must not share one SQLite file
    (or one PostgreSQL test database) and break each other with "disk I/O error"."""
    from django.conf import settings

    sqlite_files = []
    for db_settings in settings.DATABASES.values():
        test = db_settings.setdefault("TEST", {})
        name = test.get("NAME") or f"test_{db_settings['NAME']}"
        test["NAME"] = f"{name}_{os.getpid()}"
        if db_settings["ENGINE"] == "django.db.backends.sqlite3":
            sqlite_files.append(test["NAME"])
    yield
    # Django removes the database file; WAL mode leaves its two companions behind.
    for name in sqlite_files:
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.remove(f"{name}{suffix}")


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate-limit counters live in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def oslo(db):
    return HubFactory(slug="oslo", name="Pådriv Oslo", place="Oslo")


@pytest.fixture
def sodertorn(db):
    return HubFactory(slug="sodertorn", name="Södertörn", place="Södertörn", country="SE")


@pytest.fixture
def stella(oslo):
    return MembershipFactory(
        hub=oslo, user=UserFactory(email="stella@example.org", name="Stella Steward"), is_steward=True
    ).user


@pytest.fixture
def nora(oslo):
    return MembershipFactory(
        hub=oslo, user=UserFactory(email="nora@example.org", name="Nora Lead"), is_network_lead=True
    ).user


@pytest.fixture
def bob(oslo):
    return MembershipFactory(
        hub=oslo, user=UserFactory(email="bob@example.org", name="Bob Board"), is_board=True
    ).user


@pytest.fixture
def mia(oslo):
    return MembershipFactory(hub=oslo, user=UserFactory(email="mia@example.org", name="Mia Member")).user


@pytest.fixture
def vic(db):
    return UserFactory(email="vic@example.org", name="Vic Visitor")


@pytest.fixture
def sven(sodertorn):
    return MembershipFactory(
        hub=sodertorn, user=UserFactory(email="sven@example.org", name="Sven Steward"), is_steward=True
    ).user


@pytest.fixture
def walter(oslo):
    """An ordinary Oslo member who leads a working group (see `climate_group`)."""
    return MembershipFactory(hub=oslo, user=UserFactory(email="walter@example.org", name="Walter Lead")).user


@pytest.fixture
def climate_group(oslo, walter):
    group = WorkingGroupFactory(hub=oslo, name="Climate", slug="climate", lead=walter)
    WorkingGroupMemberFactory(group=group, user=walter)
    return group


@pytest.fixture
def acme(db):
    """An organisation with no partnership anywhere yet."""
    return OrganisationFactory(name="Acme Byutvikling", slug="acme")


@pytest.fixture
def petra(oslo, acme):
    """Represents Acme, an approved partner of Oslo; petra herself has no membership."""
    user = UserFactory(email="petra@example.org", name="Petra Partner")
    RepresentativeFactory(organisation=acme, user=user)
    PartnershipFactory(hub=oslo, organisation=acme)
    return user


@pytest.fixture
def root(db):
    return UserFactory(email="root@example.org", name="Root", is_superuser=True, is_staff=True)


@pytest.fixture(scope="session", autouse=True)
def _end_stray_connections(django_db_setup, django_db_blocker):
    """Threads in the concurrency and browser tests each open their own connection; if one is
    still open when the session ends, PostgreSQL refuses to drop the test database. End them
    first, so every run cleans up after itself."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
