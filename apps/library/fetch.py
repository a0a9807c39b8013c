"""Fetching another installation's feed, safely (X7), with the standard library only.

Only http(s); the host's addresses are checked before connecting and again on every redirect
(no loopback, private, link-local, reserved or multicast address unless the setting
`LIBRARY_FEED_ALLOW_PRIVATE` is True — only for tests with two servers on this machine); at most
`MAX_REDIRECTS` redirects; a time limit for the whole fetch (`LIBRARY_FEED_TIMEOUT` seconds) and
a size limit (`LIBRARY_FEED_MAX_BYTES`). Every refusal is a `FeedError` with a translated message.
"""

import ipaddress
import json
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_REDIRECTS = 3
DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_BYTES = 2 * 1024 * 1024
CHUNK = 64 * 1024
JSON_TYPES = ("application/activity+json", "application/ld+json", "application/json")
ACCEPT = 'application/activity+json, application/ld+json; profile="https://www.w3.org/ns/activitystreams"'


class FeedError(ValidationError):
    """A feed could not be fetched or read; the message says why, in the reader's language."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__({"feed_url": ValidationError(message, code=code)})


def _timeout() -> float:
    return float(getattr(settings, "LIBRARY_FEED_TIMEOUT", DEFAULT_TIMEOUT))


def _max_bytes() -> int:
    return int(getattr(settings, "LIBRARY_FEED_MAX_BYTES", DEFAULT_MAX_BYTES))


def is_blocked_address(address: str) -> bool:
    """An address no feed may be fetched from (unless private addresses are allowed)."""
    if getattr(settings, "LIBRARY_FEED_ALLOW_PRIVATE", False):
        return False
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return bool(
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_reserved
        or ip.is_multicast
        or ip.is_unspecified
        or not ip.is_global
    )


def check_url(url: str) -> str:
    """Refuse an address that is not http(s) or whose host resolves to a blocked address."""
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        raise FeedError(_("This is not a web address."), "invalid_url") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FeedError(_("Only http and https addresses can be followed."), "scheme")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = socket.getaddrinfo(parts.hostname, port, proto=socket.IPPROTO_TCP)
    except (OSError, ValueError):
        raise FeedError(_("The feed's server could not be found."), "unresolved") from None
    for info in infos:
        if is_blocked_address(str(info[4][0])):
            raise FeedError(
                _("This address points into a private network or at this machine; it cannot be followed."),
                "private_address",
            )
    return url


class _SafeRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS
    max_repeats = 1

    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str) -> Any:
        check_url(urllib.parse.urljoin(req.full_url, newurl))
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_opener = urllib.request.build_opener(_SafeRedirects)


def fetch_json(url: str) -> dict[str, Any]:
    """GET `url` and read an ActivityStreams JSON object from it, within the limits."""
    check_url(url)
    deadline = time.monotonic() + _timeout()
    limit = _max_bytes()
    request = urllib.request.Request(url, headers={"Accept": ACCEPT, "User-Agent": "Allmenning library"})  # noqa: S310 (check_url allowed http(s) only)
    try:
        with _opener.open(request, timeout=_timeout()) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > limit:
                raise FeedError(_("The feed is too large to import."), "too_large")
            content_type = (response.headers.get_content_type() or "").lower()
            if content_type not in JSON_TYPES:
                raise FeedError(
                    _("This address does not answer with an ActivityStreams feed."), "not_activitystreams"
                )
            data = b""
            while True:
                if time.monotonic() > deadline:
                    raise FeedError(_("The feed's server took too long to answer."), "timeout")
                chunk = response.read(CHUNK)
                if not chunk:
                    break
                data += chunk
                if len(data) > limit:
                    raise FeedError(_("The feed is too large to import."), "too_large")
    except FeedError:
        raise
    except urllib.error.HTTPError as error:
        if 300 <= error.code < 400:
            raise FeedError(
                _("The feed's address redirects too often (or in a loop)."), "redirects"
            ) from None
        raise FeedError(
            _("The feed's server answered with an error (%(code)s).") % {"code": error.code}, "http_error"
        ) from None
    except TimeoutError:
        raise FeedError(_("The feed's server took too long to answer."), "timeout") from None
    except urllib.error.URLError as error:
        if isinstance(error.reason, (TimeoutError, socket.timeout)):
            raise FeedError(_("The feed's server took too long to answer."), "timeout") from None
        if isinstance(error.reason, FeedError):
            raise error.reason from None
        raise FeedError(_("The feed's server could not be reached."), "unreachable") from None
    except (OSError, ValueError):
        raise FeedError(_("The feed's server could not be reached."), "unreachable") from None
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise FeedError(
            _("This address does not answer with an ActivityStreams feed."), "not_activitystreams"
        ) from None
    if not isinstance(document, dict):
        raise FeedError(
            _("This address does not answer with an ActivityStreams feed."), "not_activitystreams"
        )
    return document
