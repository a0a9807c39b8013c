"""Beyond one process: two gunicorn masters (two workers each) on PostgreSQL and Redis with the
production settings, and a Celery worker. Through HTTP only, the test proves that

- a login on one process holds on the other (sessions in the shared cache and the database);
- a support cast on process A is counted on process B, and the same form posted again to B is
  sent where A sent it (the form token A claimed in the cache);
- an entry deleted from the cache by one process is gone for the other (a logout on A ends the
  session B had just read from the cache);
- a rate limit holds across processes (failed log-ins alternated between A and B lock the
  account after five, wherever the sixth is tried);
- a job queued by a web process is run by the worker (the e-mail to the stewards about a
  membership application is written by the worker, never by the web processes).

It runs in `.ci/run` after the PostgreSQL suite (`pytest -m topology tests/topology`), never in
`make test`. It fails, never skips, when PostgreSQL or Redis cannot be reached.
TOPOLOGY_DATABASE_URL names the database it recreates and drops (default
allmenning_topology on 127.0.0.1), TOPOLOGY_REDIS_URL the Redis database it empties (default 11).
"""

import atexit
import contextlib
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest

pytestmark = pytest.mark.topology

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
DATABASE_URL = os.environ.get(
    "TOPOLOGY_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/allmenning_topology"
)
REDIS_URL = os.environ.get("TOPOLOGY_REDIS_URL", "redis://127.0.0.1:6379/11")
# The one address the proxy in front answers on (ALLOWED_HOSTS); each process is asked for it.
PUBLIC_HOST = "127.0.0.1"
STARTUP_SECONDS = 120.0
JOB_SECONDS = 60.0


# Processes ----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Processes:
    """Every process the test starts, each in its own process group, ended when the test ends
    (or, should pytest itself be stopped, when the interpreter exits)."""

    def __init__(self) -> None:
        self.running: list[subprocess.Popen[bytes]] = []
        atexit.register(self.stop)

    def start(self, args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
        with log.open("wb") as out:
            process = subprocess.Popen(
                args, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
        self.running.append(process)
        return process

    def stop(self) -> None:
        for process in self.running:
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
        for process in self.running:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        self.running.clear()


def run(args: list[str], env: dict[str, str], what: str) -> str:
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900, check=False)
    if done.returncode != 0:
        pytest.fail(f"{what} failed ({done.returncode}):\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return done.stdout


def wait_for(what: str, ready, seconds: float, logs: list[Path]) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if ready():
            return
        time.sleep(0.25)
    tails = "\n".join(f"--- {log.name}\n{log.read_text(errors='replace')[-2000:]}" for log in logs)
    pytest.fail(f"{what} within {seconds:.0f} s\n{tails}")


# The services it needs: reachable, or the test fails ----------------------------------------


def require_services() -> None:
    import psycopg
    import redis

    try:
        psycopg.connect(_admin_url(), connect_timeout=5).close()
    except psycopg.Error as exc:
        pytest.fail(f"PostgreSQL is unreachable ({_admin_url()}): {exc}")
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=5).ping()
    except redis.RedisError as exc:
        pytest.fail(f"Redis is unreachable ({REDIS_URL}): {exc}")


def _admin_url() -> str:
    parts = urlsplit(DATABASE_URL)
    return f"postgresql://{parts.netloc}/postgres"


def _database_name() -> str:
    name = urlsplit(DATABASE_URL).path.lstrip("/")
    assert re.fullmatch(r"[a-z_][a-z0-9_]*", name), f"unexpected database name {name!r}"
    return name


def recreate_database(*, create: bool) -> None:
    import psycopg

    name = _database_name()
    with psycopg.connect(_admin_url(), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if create:
            connection.execute(f'CREATE DATABASE "{name}"')


def redis_client():  # type: ignore[no-untyped-def]
    import redis

    return redis.Redis.from_url(REDIS_URL)


# HTTP ---------------------------------------------------------------------------------------


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: str

    @property
    def location(self) -> str:
        return self.headers.get("Location", "")

    def hidden(self, name: str) -> str:
        found = re.search(rf'name="{name}" value="([^"]+)"', self.body) or re.search(
            rf'value="([^"]+)" name="{name}"', self.body
        )
        assert found, f"no {name} on the page"
        return found.group(1)


@dataclass
class Visitor:
    """One browser: its own cookies, sent to whichever process it talks to. As behind the
    TLS-terminating proxy in production, every process is asked for the one public address
    (Host; allauth's per-address login counter is keyed by it) with X-Forwarded-Proto https, so
    Secure cookies are kept here by hand."""

    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, port: int, method: str, path: str, data: dict[str, str] | None = None) -> Answer:
        host = PUBLIC_HOST
        headers = {"Host": host, "X-Forwarded-Proto": "https", "Accept-Language": "en"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://{host}"
            headers["Referer"] = f"https://{host}{path}"
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            answer = Answer(response.status, response.msg, response.read().decode("utf-8", "replace"))
        finally:
            connection.close()
        for header in answer.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or "1970" in morsel["expires"]:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return answer

    def get(self, port: int, path: str) -> Answer:
        return self.request(port, "GET", path)

    def post_form(self, port: int, page: Answer, path: str, data: dict[str, str]) -> Answer:
        """Post `data` the way the form on `page` would: its CSRF token and form token."""
        fields = {"csrfmiddlewaretoken": page.hidden("csrfmiddlewaretoken"), **data}
        with contextlib.suppress(AssertionError):
            fields["_form_token"] = page.hidden("_form_token")
        return self.request(port, "POST", path, fields)

    def log_in(self, port: int, email: str, password: str) -> Answer:
        page = self.get(port, "/accounts/login/")
        return self.post_form(port, page, "/accounts/login/", {"login": email, "password": password})

    def signed_in_on(self, port: int) -> bool:
        answer = self.get(port, "/accounts/email/")
        assert answer.status in (200, 302), answer.status
        return answer.status == 200


# The topology -------------------------------------------------------------------------------


@dataclass
class Topology:
    a: int
    b: int
    seed: dict
    web_mail: Path
    worker_mail: Path
    logs: Path


@pytest.fixture(scope="module")
def topology():  # type: ignore[no-untyped-def]
    require_services()
    processes = Processes()
    work = Path(tempfile.mkdtemp(prefix="allmenning-topology-"))
    web_mail, worker_mail, static = work / "mail-web", work / "mail-worker", work / "static"
    for folder in (web_mail, worker_mail):
        folder.mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "allmenning.settings.production",
        "SECRET_KEY": "topology-" + secrets.token_urlsafe(32),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        "CELERY_BROKER_URL": REDIS_URL,
        "STATIC_ROOT": str(static),
        "PRIVATE_MEDIA_ROOT": str(work / "private"),
        "SITE_URL": "https://127.0.0.1",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(web_mail),
        "PYTHONPATH": str(ROOT),
    }
    env.pop("ALLMENNING_TEST_CLOCK", None)
    a, b = free_port(), free_port()
    while b == a:
        b = free_port()
    try:
        recreate_database(create=True)
        redis_client().flushdb()
        python = str(BIN / "python")
        run([python, "manage.py", "migrate", "--noinput", "--verbosity", "0"], env, "migrate")
        run([python, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"], env, "collectstatic")
        seed = json.loads(run([python, "-m", "tests.topology.seed"], env, "seed").strip().splitlines()[-1])
        for name, port in (("a", a), ("b", b)):
            processes.start(
                [
                    *(str(BIN / "gunicorn"), "allmenning.wsgi:application", "--bind", f"127.0.0.1:{port}"),
                    *("--workers", "2", "--access-logfile", "-", "--timeout", "60"),
                ],
                env,
                work / f"gunicorn-{name}.log",
            )
        worker_log = work / "celery-worker.log"
        processes.start(
            [
                *(str(BIN / "celery"), "-A", "allmenning", "worker", "--loglevel", "INFO"),
                *("--concurrency", "1", "--without-gossip", "--without-mingle", "--without-heartbeat"),
            ],
            {**env, "EMAIL_FILE_PATH": str(worker_mail)},
            worker_log,
        )
        logs = sorted(work.glob("*.log"))
        for port in (a, b):
            wait_for(f"gunicorn on {port} answered", lambda port=port: _healthy(port), STARTUP_SECONDS, logs)
        wait_for("the worker was ready", lambda: " ready." in worker_log.read_text(), STARTUP_SECONDS, logs)
        yield Topology(a=a, b=b, seed=seed, web_mail=web_mail, worker_mail=worker_mail, logs=work)
    finally:
        processes.stop()
        with contextlib.suppress(Exception):
            redis_client().flushdb()
        with contextlib.suppress(Exception):
            recreate_database(create=False)
        shutil.rmtree(work, ignore_errors=True)


def _healthy(port: int) -> bool:
    try:
        return Visitor().get(port, "/healthz").status == 200
    except OSError:
        return False


def _support_count(port: int, topology: Topology) -> int:
    answer = Visitor().get(port, f"/api/v1/hubs/{topology.seed['hub']}/ideas/{topology.seed['idea']}")
    assert answer.status == 200, answer.body[:500]
    return int(json.loads(answer.body)["support_count"])


# The four properties ------------------------------------------------------------------------


def test_a_login_on_one_process_holds_on_the_other(topology):
    vic = Visitor()
    assert not vic.signed_in_on(topology.b)
    answer = vic.log_in(topology.a, topology.seed["people"]["vic"], topology.seed["password"])
    assert answer.status == 302, answer.body[:2000]
    assert vic.signed_in_on(topology.b)


def test_a_support_cast_on_one_process_is_counted_on_the_other(topology):
    assert _support_count(topology.a, topology) == 0
    assert _support_count(topology.b, topology) == 0
    stella = Visitor()
    signed_in = stella.log_in(topology.a, topology.seed["people"]["stella"], topology.seed["password"])
    assert signed_in.status == 302
    idea_url = topology.seed["idea_url"]
    page = stella.get(topology.a, idea_url)
    assert page.status == 200
    cast = stella.post_form(topology.a, page, f"{idea_url}support/", {})
    assert cast.status == 302, cast.body[:2000]

    assert _support_count(topology.b, topology) == 1

    # The very same form sent again, now to B: B finds the token A claimed in the shared cache
    # and sends the browser where A sent it (303), without running the view a second time.
    again = stella.post_form(topology.b, page, f"{idea_url}support/", {})
    assert (again.status, again.location) == (303, cast.location)
    assert _support_count(topology.a, topology) == 1


def test_a_cache_entry_deleted_by_one_process_is_gone_for_the_other(topology):
    mia = Visitor()
    assert mia.log_in(topology.b, topology.seed["people"]["mia"], topology.seed["password"]).status == 302
    assert mia.signed_in_on(topology.b)  # B has read the session, through the cache
    session = mia.cookies["sessionid"]
    session_keys = redis_client().keys(f"*django.contrib.sessions.cached_db{session}")
    assert session_keys, "the session is not in the shared cache"

    page = mia.get(topology.a, "/accounts/logout/")
    assert mia.post_form(topology.a, page, "/accounts/logout/", {}).status == 302
    assert not any(redis_client().exists(key) for key in session_keys)
    # A browser that kept the old session cookie and asks B: the session A deleted is gone there
    # too (a cache per process would still hold it, and B would still know Mia).
    mia.cookies["sessionid"] = session
    assert not mia.signed_in_on(topology.b)


def test_a_rate_limit_holds_across_processes(topology):
    """Five failed log-ins per address in five minutes (ACCOUNT_RATE_LIMITS["login_failed"]),
    counted in Redis: alternated between A and B, the sixth try is refused on either, even with
    the right password."""
    email = topology.seed["people"]["mia"]
    ports = [topology.a, topology.b]
    for attempt in range(5):
        answer = Visitor().log_in(ports[attempt % 2], email, "not-the-password")
        assert answer.status != 302
        assert "Too many failed login attempts" not in answer.body, f"locked after {attempt} tries"
    for port in ports:
        answer = Visitor().log_in(port, email, topology.seed["password"])
        assert answer.status != 302
        assert "Too many failed login attempts" in answer.body


def test_a_job_queued_by_a_web_process_is_run_by_the_worker(topology):
    vic = Visitor()
    assert vic.log_in(topology.b, topology.seed["people"]["vic"], topology.seed["password"]).status == 302
    hub = topology.seed["hub"]
    page = vic.get(topology.b, f"/{hub}/join/")
    assert page.status == 200
    applied = vic.post_form(topology.b, page, f"/{hub}/join/", {"message": "Jeg vil gjerne bidra."})
    assert applied.status == 302, applied.body[:2000]

    def stewards_mail() -> list[str]:
        texts = [path.read_text(errors="replace") for path in topology.worker_mail.glob("*")]
        return [text for text in texts if topology.seed["people"]["stella"] in text]

    deadline = time.monotonic() + JOB_SECONDS
    while not stewards_mail() and time.monotonic() < deadline:
        time.sleep(0.25)
    assert stewards_mail(), "the worker sent no e-mail to the steward"
    assert not list(topology.web_mail.glob("*")), "a web process sent e-mail itself"
    assert "core.tasks.send_email" in (topology.logs / "celery-worker.log").read_text()
