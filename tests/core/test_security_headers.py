"""The headers of point 10: a Content Security Policy without inline scripts, Referrer-Policy,
Permissions-Policy, frame protection, and HSTS in production; and no template that would need
an inline script."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from allmenning.settings.base import _origin

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)


def policy(response) -> dict[str, list[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def test_every_page_carries_the_policy_and_the_other_headers(client, oslo):
    response = client.get(f"/{oslo.slug}/")
    assert response.status_code == 200
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert "'self'" in csp["script-src"]
    assert not {"'unsafe-inline'", "'unsafe-eval'", "*", "data:"} & set(csp["script-src"])
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]
    assert response["Referrer-Policy"] in {"same-origin", "strict-origin-when-cross-origin"}
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in permissions


def test_a_nonce_is_in_the_policy_when_a_page_uses_one(rf):
    from csp.middleware import CSPMiddleware
    from django.http import HttpResponse

    def view(request):
        return HttpResponse(f'<script nonce="{request.csp_nonce}">1</script>')

    request = rf.get("/")
    response = CSPMiddleware(view)(request)
    nonce = re.search(r'nonce="([^"]+)"', response.content.decode()).group(1)
    assert f"'nonce-{nonce}'" in policy(response)["script-src"]


def test_the_api_documentation_is_served_from_this_site_not_a_cdn(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "cdn." not in html
    scripts = re.findall(r"<script\b([^>]*)>", html)
    assert scripts and all("src=" in attrs or "application/json" in attrs for attrs in scripts)


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org"),
        ("https://{s}.tile.example.org:8443/{z}/{x}/{y}.png", "https://*.tile.example.org:8443"),
        ("/tiles/{z}/{x}/{y}.png", ""),
        ("", ""),
    ],
)
def test_the_tile_servers_origin_is_derived_for_img_src(url, origin):
    assert _origin(url) == origin


def test_images_may_come_from_the_configured_tile_server(client):
    response = client.get("/")
    assert settings.MAP_TILE_ORIGIN
    assert settings.MAP_TILE_ORIGIN in policy(response)["img-src"]


TEMPLATE_DIRS = [ROOT / "allmenning" / "templates", *sorted((ROOT / "apps").glob("*/templates"))]
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"""(href|src|action)\s*=\s*["']\s*javascript:""", re.IGNORECASE)


def templates():
    for directory in TEMPLATE_DIRS:
        yield from sorted(directory.rglob("*.html"))


def test_no_template_has_an_inline_script_an_event_handler_or_a_javascript_url():
    found = []
    for path in templates():
        text = path.read_text()
        for attrs in SCRIPT_TAG.findall(text):
            if "src=" not in attrs and "application/json" not in attrs:
                found.append(f"{path.relative_to(ROOT)}: inline <script{attrs}>")
        if EVENT_HANDLER.search(text):
            found.append(f"{path.relative_to(ROOT)}: inline event handler")
        if JAVASCRIPT_URL.search(text):
            found.append(f"{path.relative_to(ROOT)}: javascript: URL")
    assert list(templates())
    assert found == []


def test_the_scan_finds_what_it_looks_for():
    assert SCRIPT_TAG.findall("<script>alert(1)</script>") == [""]
    assert EVENT_HANDLER.search('<button type="button" onclick="go()">')
    assert not EVENT_HANDLER.search('<button data-once="x">')
    assert JAVASCRIPT_URL.search('<a href="javascript:void(0)">')


def test_production_sends_hsts_and_secure_cookies():
    code = (
        "import json; from django.conf import settings as s; import django; django.setup(); "
        "print(json.dumps([s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_SSL_REDIRECT, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.X_FRAME_OPTIONS]))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "allmenning.settings.production",
        "SECRET_KEY": "test-" + "x" * 60,
        "REDIS_URL": "redis://127.0.0.1:6379/5",
        "SECURE_HSTS_SECONDS": "",
        "SECURE_SSL_REDIRECT": "",
    }
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    hsts, subdomains, redirect, session_secure, csrf_secure, frames = json.loads(out.stdout)
    assert hsts >= 31536000 and subdomains and redirect and session_secure and csrf_secure
    assert frames == "DENY"
