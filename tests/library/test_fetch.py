"""Fetching is safe: only http(s), private addresses refused by default, size and time limits,
redirect loops; a bad feed imports nothing and says why."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import override_settings

from apps.library import fetch, services
from apps.library.fetch import FeedError
from apps.library.models import Entry, Subscription

pytestmark = pytest.mark.django_db

AS_PAGE = {
    "@context": "https://www.w3.org/ns/activitystreams",
    "type": "OrderedCollectionPage",
    "id": "x",
    "orderedItems": [
        {
            "type": "Article",
            "id": "http://elsewhere.example/e/1/",
            "name": "Metode",
            "updated": "2026-06-01T10:00:00Z",
            "license": "https://creativecommons.org/licenses/by/4.0/",
        }
    ],
}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # quiet
        pass

    def _send(self, body: bytes, content_type: str = "application/activity+json", status: int = 200):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        path = self.path
        if path == "/feed":
            self._send(json.dumps(AS_PAGE).encode())
        elif path == "/html":
            self._send(b"<html>not a feed</html>", "text/html")
        elif path == "/json-not-as":
            self._send(b'{"hello": "world"}', "application/json")
        elif path == "/huge":
            self._send(b"[" + b" " * (3 * 1024 * 1024) + b"]")
        elif path == "/huge-unannounced":
            self.send_response(200)
            self.send_header("Content-Type", "application/activity+json")
            self.end_headers()
            for _ in range(40):
                self.wfile.write(b" " * 100_000)
        elif path == "/slow":
            time.sleep(2)
            self._send(json.dumps(AS_PAGE).encode())
        elif path in ("/loop-a", "/loop-b"):
            self.send_response(302)
            self.send_header("Location", "/loop-b" if path == "/loop-a" else "/loop-a")
            self.end_headers()
        elif path == "/to-private":
            self.send_response(302)
            self.send_header("Location", "http://10.1.2.3/feed")
            self.end_headers()
        elif path == "/error":
            self._send(b"{}", status=500)
        else:
            self._send(b"", status=404)


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):  # a client that hangs up on a huge answer
        pass


@pytest.fixture(scope="module")
def server():
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def code_of(error: FeedError) -> str:
    return error.error_dict["feed_url"][0].code


def test_loopback_refused_by_default(server):
    with pytest.raises(FeedError) as error:
        fetch.fetch_json(f"{server}/feed")
    assert code_of(error.value) == "private_address"


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost/feed",
        "http://10.0.0.1/",
        "http://192.168.1.1/",
        "http://[::1]/",
        "http://169.254.169.254/",
    ],
)
def test_private_addresses_refused(url):
    with pytest.raises(FeedError) as error:
        fetch.check_url(url)
    assert code_of(error.value) == "private_address"


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.org/x", "gopher://x", "not a url", "http://"]
)
def test_only_http(url):
    with pytest.raises(FeedError) as error:
        fetch.check_url(url)
    assert code_of(error.value) in {"scheme", "invalid_url"}


@override_settings(LIBRARY_FEED_ALLOW_PRIVATE=True)
def test_allowed_when_configured(server):
    assert fetch.fetch_json(f"{server}/feed")["type"] == "OrderedCollectionPage"


@override_settings(LIBRARY_FEED_ALLOW_PRIVATE=True, LIBRARY_FEED_TIMEOUT=0.5)
@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("/html", "not_activitystreams"),
        ("/json-not-as", "not_activitystreams"),
        ("/huge", "too_large"),
        ("/huge-unannounced", "too_large"),
        ("/slow", "timeout"),
        ("/loop-a", "redirects"),
        ("/error", "http_error"),
    ],
)
def test_bad_feeds_import_nothing(server, oslo, stella, path, code):
    with pytest.raises(FeedError) as error:
        services.subscription_add(actor=stella, hub=oslo, feed_url=f"{server}{path}")
    assert code_of(error.value) == code
    assert not Subscription.objects.exists() and not Entry.objects.exists()


@override_settings(LIBRARY_FEED_ALLOW_PRIVATE=True)
def test_redirect_to_private_address_refused(server, monkeypatch):
    real = fetch.is_blocked_address
    monkeypatch.setattr(
        fetch, "is_blocked_address", lambda address: address.startswith("10.") or real(address)
    )
    with pytest.raises(FeedError) as error:
        fetch.fetch_json(f"{server}/to-private")
    assert code_of(error.value) == "private_address"


@override_settings(LIBRARY_FEED_ALLOW_PRIVATE=True)
def test_refresh_keeps_the_error_and_imports_nothing(server, oslo, stella):
    subscription = services.subscription_add(actor=stella, hub=oslo, feed_url=f"{server}/feed")
    assert Entry.objects.filter(hub=oslo, origin_url="http://elsewhere.example/e/1/").count() == 1
    Subscription.objects.filter(pk=subscription.pk).update(feed_url=f"{server}/html")
    subscription.refresh_from_db()
    with pytest.raises(FeedError):
        services.subscription_refresh(actor=stella, subscription=subscription)
    subscription.refresh_from_db()
    assert subscription.last_error


def test_subscribing_needs_a_lead(oslo, mia, sven):
    from django.core.exceptions import PermissionDenied

    for person in (mia, sven):
        with pytest.raises(PermissionDenied):
            services.subscription_add(actor=person, hub=oslo, feed_url="http://127.0.0.1:1/feed", fetch=False)
