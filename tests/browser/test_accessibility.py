"""Accessibility and the Content Security Policy over every page type (issue 14, point 8).

The demo is seeded once for the whole test. The pages are found the way a person finds them:
starting from the front page and each hub, following links (as a visitor, a member, a steward
and the superuser), one page per URL name. Every URL name whose view answers GET is either
reached that way or listed in EXCLUDED with a reason, so a new page type cannot go unchecked.
Each page is then opened in Chromium at 320 px in Norwegian Bokmål, Swedish and English, and
must have a language, no serious or critical axe-core violation, no horizontal scroll and no
CSP violation.
"""

import html
import re
from collections import deque
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

ROOT = Path(settings.BASE_DIR)
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
LANGUAGES = ("nb", "sv", "en")
NARROW = 320

# URL names (namespace:name) that answer GET but are not HTML pages a person reads, or that a
# crawl of links cannot reach, with the reason. Everything else must be reached by the crawl.
EXCLUDED = {
    "healthz": "a health check for the load balancer, plain text",
    "favicon": "a redirect to the icon file",
    "hubs:initiatives:image": "an image file, shown inside the initiative's pages",
    "hubs:mapinput:photo": "an image file, shown inside the map's mark list",
    "hubs:results:photo": "an image file, shown inside a progress report",
    "hubs:surveys:concept_image": "an image file, shown inside a concept vote",
    "hubs:audit_log_export": "a CSV download",
    "hubs:initiatives:team_join": "needs a one-time token from an invitation e-mail",
    "organisations:representative_join": "needs a one-time token from an invitation e-mail",
    "hubs:surveys:paper_print": "paper sheets for printing, reached by the batch form (how many sheets)",
    "hubs:surveys:vote_paper_print": "paper ballots for printing, reached by the batch form (how many)",
    "hubs:transfer:download": "a zip download of a hub's archive",
    "hubs:transfer:job": "exists only once a steward has started an export (none in the demo)",
    "privacy_me:archive_download": "a zip download of a person's own data",
    "admin_login": "Django's admin log-in, redirects to the site's own log-in",
    "set_language": "the language switcher's POST target, redirects",
    "account_confirm_email": "needs a one-time key from an e-mail",
    "account_reset_password_from_key": "needs a one-time key from an e-mail",
    "account_reset_password_from_key_done": "reached only after a reset by e-mail",
    "account_email_verification_sent": "reached only right after signing up",
    "account_logout": "signing out is a POST; its GET page only asks to confirm",
    "account_inactive": "shown only to deactivated accounts",
    "account_reauthenticate": "shown only when a sensitive action asks for the password again",
    "hubs:surveys:export": "a CSV download",
    "hubs:agreements:pdf": "a PDF download",
    "hubs:volunteers:feed": "an iCalendar feed",
    "hubs:volunteers:shift_ics": "an iCalendar file",
    "hubs:events:ics": "an iCalendar file",
    "hubs:knowledge:bubbles_data": "JSON for the bubble chart",
    "hubs:library:feed": "an Atom/JSON feed for other installations",
    "hubs:events:calendar": "an iCalendar feed",
    "hubs:events:space_calendar": "an iCalendar feed",
    "hubs:volunteers:my_calendar": "an iCalendar feed",
    "hubs:dashboards:hub_csv": "a CSV download",
    "hubs:dashboards:area_csv": "a CSV download",
    "hubs:dashboards:goal_csv": "a CSV download",
    "hubs:dashboards:target_csv": "a CSV download",
    "hubs:funding:budget_csv": "a CSV download",
    "hubs:funding:hub_budget_csv": "a CSV download",
    "hubs:funding:grant_document": "a document download",
    "hubs:initiatives:permit_document_download": "a document download",
    "hubs:processes:deliverable_file": "a file download",
    "hubs:results:evidence": "a document download",
    "notifications:open": "marks a notification read and redirects to what it is about",
    "account_confirm_login_code": "signing in by a code sent by e-mail is off",
    "account_reset_password_done": "shown only after asking for a reset e-mail",
    "account_set_password": "for accounts without a password; demo accounts all have one",
    # Forms that the demo's data does not link to at the moment the crawl runs; they use the
    # same form templates (forms/field.html) as the many forms that are checked.
    "hubs:funding:hub_line": "edits one line of the hub's budget; the budget page lists lines without links",
    "hubs:funding:hub_source": "edits one funding source of the hub's budget, as hub_line",
    "hubs:agreements:edit": "linked only while an agreement is unsigned; the crawl meets signed ones",
    "hubs:agreements:sign": "linked only to a party that has not signed yet",
    "hubs:agreements:version_create": "linked only while an agreement is unsigned",
    "hubs:events:minutes": "linked only on events that have started, to their organisers",
    "hubs:results:report_edit": "linked only on a report that is still a draft, to its authors",
    "hubs:surveys:question_edit": "linked only on a survey that is still a draft",
    "hubs:surveys:vote_join": "linked only to a voter who asked to join the project group",
}
# Whole namespaces and view modules that are not Allmenning's HTML pages.
EXCLUDED_NAMESPACES = {
    "admin": "Django's own admin, its templates and scripts are Django's",
    "api": "the JSON API (its documentation page is checked separately)",
}

# Paths the crawl never follows: not pages, or pages that change state on GET by design.
SKIP_PREFIXES = ("/static/", "/media/", "/admin/", "/api/", "/i18n/", "/accounts/logout/")


def _allowed_methods(callback) -> set[str] | None:
    """The HTTP methods a view accepts, read from @require_http_methods (and its shortcuts) or
    a class-based view; None when it does not restrict them."""
    view_class = getattr(callback, "view_class", None)
    if view_class is not None:
        return {m.upper() for m in view_class.http_method_names if hasattr(view_class, m)}
    function = callback
    while function is not None:
        code = getattr(function, "__code__", None)
        if code is not None and function.__closure__:
            cells = dict(zip(code.co_freevars, function.__closure__, strict=True))
            if "request_method_list" in cells:
                return {m.upper() for m in cells["request_method_list"].cell_contents}
        function = getattr(function, "__wrapped__", None)
    return None


def page_type_names() -> set[str]:
    """Every URL name whose view answers GET, outside the excluded namespaces."""
    names = set()

    def walk(resolver, namespace):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace
                walk(pattern, f"{namespace}:{inner}" if namespace and inner else (inner or namespace))
                continue
            if not pattern.name or namespace.split(":")[0] in EXCLUDED_NAMESPACES:
                continue
            methods = _allowed_methods(pattern.callback)
            if methods is None or "GET" in methods:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver(), "")
    return names


LINK = re.compile(r"""<a\b[^>]*?\shref=["']([^"'#]+)""", re.IGNORECASE)


def crawl(client: Client, starts: list[str], per_name: int = 8, limit: int = 2500) -> dict[str, str]:
    """Follow links from `starts` breadth first; the first HTML page found for each URL name.
    At most `per_name` pages of one name are followed further (pages of one kind link alike),
    and links with a query string (filters, pages of a list) only after all others."""
    found: dict[str, str] = {}
    followed: dict[str, int] = {}
    seen = set(starts)
    queue = deque(starts)
    later: deque[str] = deque()
    fetched = 0
    while (queue or later) and fetched < limit:
        url = queue.popleft() if queue else later.popleft()
        try:
            name = resolve(urlsplit(url).path).view_name
        except Resolver404:
            continue
        if followed.get(name, 0) >= per_name:
            continue
        response = client.get(url)
        fetched += 1
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        followed[name] = followed.get(name, 0) + 1
        found.setdefault(name, url)
        for href in LINK.findall(response.content.decode()):
            link = html.unescape(href).strip()
            if not link.startswith("/") or link.startswith("//") or link.startswith(SKIP_PREFIXES):
                continue
            if link not in seen:
                seen.add(link)
                (later if "?" in link else queue).append(link)
    return found


def test_the_excluded_names_exist():
    """An exclusion for a page that no longer exists is stale: remove it."""
    names = page_type_names()
    assert set(EXCLUDED) - names == set()


def test_the_method_reader_sees_post_only_views():
    from apps.hubs import urls  # noqa: F401 - the URLconf is loaded
    from apps.participation.views import support

    assert _allowed_methods(resolve("/").func) is None
    assert _allowed_methods(support) == {"POST"}


AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations
    .filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(" | ")}`);
}"""
CSP_LISTENER = """window.__csp = [];
document.addEventListener("securitypolicyviolation",
  e => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));"""


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", stdout=StringIO())


def sessions(live_server) -> dict[str, Client]:
    from apps.accounts.models import User

    clients = {"visitor": Client()}
    for label, email in [
        ("member", "member@oslo.demo"),
        ("steward", "steward@oslo.demo"),
        ("sodertorn", "steward@sodertorn.demo"),
        ("superuser", "admin@allmenning.demo"),
    ]:
        client = Client()
        client.force_login(User.objects.get(email=email))
        clients[label] = client
    return clients


@pytest.mark.slow
@pytest.mark.browser
def test_every_page_type_is_accessible_in_every_language(demo, browser, live_server):
    from apps.hubs.models import Hub

    starts = ["/", *(f"/{slug}/" for slug in Hub.objects.values_list("slug", flat=True))]
    pages: dict[str, tuple[str, str]] = {}
    clients = sessions(live_server)
    for label, client in clients.items():
        for name, url in crawl(client, starts).items():
            pages.setdefault(name, (label, url))

    missing = page_type_names() - set(pages) - set(EXCLUDED)
    assert not missing, f"page types neither reached by links nor excluded with a reason: {sorted(missing)}"

    problems = []
    for language in LANGUAGES:
        contexts = {}
        for label, client in clients.items():
            context = browser.new_context(
                base_url=live_server.url, viewport={"width": NARROW, "height": 800}, locale="en-GB"
            )
            context.add_init_script(path=str(AXE))
            context.add_init_script(CSP_LISTENER)
            cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
            if settings.SESSION_COOKIE_NAME in client.cookies:
                session = client.cookies[settings.SESSION_COOKIE_NAME].value
                cookies.append(
                    {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}
                )
            context.add_cookies(cookies)
            contexts[label] = context.new_page()
        for name, (label, url) in sorted(pages.items()):
            page = contexts[label]
            page.goto(url)
            where = f"{language} {name} {url} ({label})"
            lang = page.evaluate("document.documentElement.lang")
            if lang != language:
                problems.append(f"{where}: <html lang={lang!r}>")
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > NARROW:
                problems.append(f"{where}: {width} px wide at {NARROW} px")
            problems.extend(f"{where}: {v}" for v in page.evaluate(AXE_RUN))
            problems.extend(f"{where}: CSP {v}" for v in page.evaluate("window.__csp"))
        for page in contexts.values():
            page.context.close()
    assert problems == [], "\n".join(problems)
