"""Federation between two real installations on this machine: installation B is a second
Django process with its own SQLite database and its own Pådriv Bergen hub, serving its library
feed over HTTP; this test's installation (A, the test database) follows B's feed from the
Södertörn hub and imports what B publishes, keeping B as the origin and its licence."""

import io
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings

from apps.library.models import Entry, Subscription

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]

SETUP_B = """
from apps.accounts.models import User
from apps.hubs.models import Hub, Membership
from apps.library import services
hub = Hub.objects.create(slug="bergen", name="Pådriv Bergen", place="Bergen")
lead = User.objects.create_user(email="lead@bergen.example", password="x", name="Berit")
Membership.objects.create(hub=hub, user=lead, status="approved", is_steward=True)
for title in ("Invitasjon til utforskende møte", "Program for utforskende møte"):
    services.entry_create(actor=lead, hub=hub, kind="template", title=title, licence="cc-by-4.0",
                          body="Fra Bergen.", publish=True)
services.entry_create(actor=lead, hub=hub, kind="guide", title="Utkast", licence="cc0-1.0")
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def installation_b(tmp_path_factory):
    """A second installation: its own database, migrated and given a hub, served on a port."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update(SQLITE_PATH=str(tmp_path_factory.mktemp("installation-b") / "b.sqlite3"), DEBUG="0")
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], env=env, cwd=ROOT, check=True, timeout=600)
    subprocess.run([*manage, "shell", "-c", SETUP_B], env=env, cwd=ROOT, check=True, timeout=120)
    port = _free_port()
    server = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):  # up to a minute for the server to answer
            try:
                with urllib.request.urlopen(f"{url}/healthz", timeout=1):  # noqa: S310 - our own local server
                    break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("installation B did not start")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


@override_settings(LIBRARY_FEED_ALLOW_PRIVATE=True)
def test_a_hub_follows_another_installations_library(installation_b, sodertorn, sven, client):
    feed_url = f"{installation_b}/bergen/library/feed/"
    client.force_login(sven)
    response = client.post("/sodertorn/library/feeds/", {"feed_url": feed_url})
    assert response.status_code == 302
    imported = Entry.objects.filter(hub=sodertorn).order_by("title")
    assert [e.title for e in imported] == ["Invitasjon til utforskende møte", "Program for utforskende møte"]
    assert all(e.origin_url.startswith(f"{installation_b}/bergen/library/e/") for e in imported)
    assert all(e.origin_name == "Pådriv Bergen" and e.licence == "cc-by-4.0" for e in imported)
    assert Subscription.objects.get(hub=sodertorn).feed_url == feed_url

    before = list(Entry.objects.filter(hub=sodertorn).order_by("pk").values())
    call_command("import_library_feeds", stdout=io.StringIO())
    assert list(Entry.objects.filter(hub=sodertorn).order_by("pk").values()) == before


def test_by_default_another_installation_on_a_private_address_is_refused(
    installation_b, sodertorn, sven, client
):
    client.force_login(sven)
    response = client.post(
        "/sodertorn/library/feeds/", {"feed_url": f"{installation_b}/bergen/library/feed/"}
    )
    assert response.status_code == 400
    assert not Entry.objects.filter(hub=sodertorn).exists()
