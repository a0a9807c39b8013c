"""Shared fixtures: a story cast in two hubs.

Oslo has a steward (stella), a network lead (nora), a board member (bob), a member (mia)
and a visitor with no membership (vic). Södertörn has its own steward (sven), who must have
no power in Oslo.
"""

import contextlib
import hashlib
import os
import shutil
from datetime import datetime

import pytest
import time_machine
from django.core.cache import cache, caches
from django.utils import translation

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
def django_db_modify_db_settings(request, django_db_modify_db_settings_parallel_suffix):
    """One test database per pytest process: two runs at once must not share one SQLite file
    (or one PostgreSQL test database) and break each other with "disk I/O error". With
    `--reuse-db` the name is the same from run to run instead (one per checkout), so the next
    run finds the database it kept."""
    from django.conf import settings

    if request.config.getoption("reuse_db"):
        suffix = "reuse_" + hashlib.sha256(str(settings.BASE_DIR).encode()).hexdigest()[:8]
    else:
        suffix = str(os.getpid())
    sqlite_files = []
    for db_settings in settings.DATABASES.values():
        test = db_settings.setdefault("TEST", {})
        name = test.get("NAME") or f"test_{db_settings['NAME']}"
        test["NAME"] = f"{name}_{suffix}"
        if db_settings["ENGINE"] == "django.db.backends.sqlite3":
            sqlite_files.append(test["NAME"])
    yield
    if request.config.getoption("reuse_db"):
        return
    # Django removes the database file; WAL mode leaves its two companions behind.
    for name in sqlite_files:
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.remove(f"{name}{suffix}")


# Modules whose code under test reads the clock (deadlines, schedules, reminders, digests,
# "upcoming" lists, the demo's dates): CI runs them a second time under a shifted clock.
DATE_SENSITIVE = (
    "tests/demo/test_seed_demo.py",
    "tests/events/",
    "tests/followup/",
    "tests/funding/",
    "tests/hubs/test_services.py",
    "tests/initiatives/",
    "tests/mapinput/",
    "tests/notifications/",
    "tests/processes/",
    "tests/results/",
    "tests/surveys/",
    "tests/volunteers/",
)


def pytest_collection_modifyitems(config, items):
    root = config.rootpath
    for item in items:
        path = item.path.relative_to(root).as_posix()
        if path.startswith(DATE_SENSITIVE):
            item.add_marker(pytest.mark.dates)


# The clock ------------------------------------------------------------------------------
# Every test starts at one fixed moment and the clock runs on from there (time-machine with
# `tick`, so timestamps still differ and orderings by time hold). The code under test keeps
# reading it through `timezone.now()`. ALLMENNING_TEST_CLOCK moves the start for a whole run
# (`make test-clocks` runs the suite at the year's edge, a leap day and both daylight-saving
# switches); a test that asserts one particular date says so with
# `@pytest.mark.clock("2026-11-02T09:00+01:00")`, and that moment wins over the variable.
DEFAULT_CLOCK = "2026-06-17T10:00:00+02:00"  # an ordinary Wednesday in Oslo
CLOCK_VARIABLE = "ALLMENNING_TEST_CLOCK"


def clock_start() -> datetime:
    """The moment tests start at in this run (an aware datetime)."""
    moment = datetime.fromisoformat(os.environ.get(CLOCK_VARIABLE) or DEFAULT_CLOCK)
    if moment.tzinfo is None:
        raise pytest.UsageError(f"{CLOCK_VARIABLE} needs a UTC offset, e.g. 2026-12-31T23:30+01:00")
    return moment


@pytest.fixture(autouse=True)
def clock(request):
    """The test's clock (a time-machine traveller): `clock.shift(timedelta(days=1))` or
    `clock.move_to(moment)` move it on."""
    marker = request.node.get_closest_marker("clock")
    moment = datetime.fromisoformat(marker.args[0]) if marker else clock_start()
    with time_machine.travel(moment, tick=True) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def _language():
    """Each test starts in the test settings' language (English) and leaves no other behind: a
    service that renders in a reader's language must not leak it into the next test."""
    from django.conf import settings as django_settings

    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _migration_data(request):
    """Transactional tests (threads, live servers) run last, and each empties the database
    afterwards, rows that data migrations loaded included: the UN catalogue and the process
    library. A transactional test gets them back first, as a fresh database would have them."""
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction")) or bool(
        {"live_server", "transactional_db"} & set(request.fixturenames)
    )
    if transactional:
        request.getfixturevalue("transactional_db")
        restore_migration_data()
    yield


def restore_migration_data() -> None:
    """Put back what data migrations load (the UN catalogue, the process library) after a
    flush emptied the database; a no-op when they are there."""
    from apps.goals.catalogue import load_catalogue
    from apps.goals.models import SdgGoal
    from apps.processes.loader import load_templates
    from apps.processes.models import ProcessTemplate

    if not SdgGoal.objects.exists():
        load_catalogue()
    if not ProcessTemplate.objects.filter(hub__isnull=True).exists():
        load_templates()


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate-limit counters live in the cache, cached page parts in "pages": each test starts with
    none (a rolled-back test's hub may come back with the same id and content version)."""
    cache.clear()
    caches["pages"].clear()
    yield
    cache.clear()
    caches["pages"].clear()


@pytest.fixture
def oslo(db):
    return HubFactory(slug="oslo", name="Pådriv Oslo", place="Oslo")


@pytest.fixture
def sodertorn(db):
    return HubFactory(slug="sodertorn", name="Södertörn", place="Södertörn", country="SE", currency="SEK")


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


# The browser (Playwright driving Debian's Chromium, never a downloaded browser), one for the
# whole run: every app's test_browser.py uses these two fixtures.
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium_path() -> str | None:
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser():
    path = _chromium_path()
    if not path:
        message = "No Chromium found: install Debian's package 'chromium' (apt-get install chromium)."
        if os.environ.get("REQUIRE_BROWSER") or os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, headless=True, args=BROWSER_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="en-GB", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
