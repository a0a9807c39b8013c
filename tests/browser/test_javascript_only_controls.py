"""No dead controls without JavaScript (issue 13, point 5).

Maps, charts and the controls that work them need a script: they are rendered `hidden` and
marked `data-js-only`, and the script that makes them work shows them. With JavaScript off,
every page type (found by the crawl of test_accessibility.py) is opened in Chromium and must show
none of them: no element marked JS-only, no canvas, no map, no "application" and no button that
only a script can answer (type=button). With JavaScript on, they appear on the pages that have
them."""

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.browser.conftest import wait_until
from tests.browser.test_accessibility import EXCLUDED, crawl, page_type_names, sessions

pytestmark = [pytest.mark.slow, pytest.mark.browser]

NEEDS_JAVASCRIPT = "[data-js-only], canvas, .map, .leaflet-container, [role=application], button[type=button]"
VISIBLE_ONES = """selector => [...document.querySelectorAll(selector)]
  .filter(el => el.getClientRects().length && getComputedStyle(el).visibility !== "hidden")
  .map(el => el.outerHTML.slice(0, 120))"""


def browser_page(browser, live_server, client, *, javascript: bool):
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 375, "height": 800},
        locale="en-GB",
        java_script_enabled=javascript,
    )
    cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}]
    if settings.SESSION_COOKIE_NAME in client.cookies:
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        cookies.append({"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url})
    context.add_cookies(cookies)
    page = context.new_page()
    page.set_default_timeout(60_000)
    return page


def test_controls_that_need_javascript_are_hidden_without_it_and_shown_with_it(
    transactional_db, browser, live_server
):
    from apps.hubs.models import Hub

    call_command("seed_demo", stdout=StringIO())
    starts = ["/", *(f"/{slug}/" for slug in Hub.objects.values_list("slug", flat=True))]
    clients = sessions(live_server)
    pages: dict[str, tuple[str, str]] = {}
    for label, client in clients.items():
        for name, url in crawl(client, starts).items():
            pages.setdefault(name, (label, url))
    assert not page_type_names() - set(pages) - set(EXCLUDED)

    without = {label: browser_page(browser, live_server, c, javascript=False) for label, c in clients.items()}
    problems: list[str] = []
    for name, (label, url) in sorted(pages.items()):
        page = without[label]
        page.goto(url)
        problems.extend(
            f"{name} {url} ({label}): {html}" for html in page.evaluate(VISIBLE_ONES, NEEDS_JAVASCRIPT)
        )
    for page in without.values():
        page.context.close()
    assert problems == [], "\n".join(problems)

    # With JavaScript the same pages show them: charts, maps, the notes beside maps, the
    # marks map's heat-map toggle and the survey map's "click the map" help.
    expected = {
        "hubs:surveys:survey_results": ["canvas[data-result-chart]", "[data-result-map]"],
        "hubs:mapinput:map": ["#marks-map", "#marks-toolbar", "#marks-heat", "#marks-map-note"],
        "hubs:initiatives:map": ["#initiative-map", "#initiative-map-note"],
        "hubs:places:map": ["#area-map", "#area-map-note"],
        "hubs:dashboards:hub": ["canvas[data-dashboard-chart]"],
        "hubs:surveys:survey": ["[data-point-picker]", "[id$='-help-map']"],
    }
    from apps.surveys.models import Survey

    with_map = Survey.objects.filter(hub__slug="oslo", questions__kind="point", status="open").first()
    assert with_map is not None
    special = {  # the pages with a map question: its survey, answered by a member, seen by a steward
        "hubs:surveys:survey_results": ("steward", f"{with_map.get_absolute_url()}results/"),
        "hubs:surveys:survey": ("member", with_map.get_absolute_url()),
        # Oslo's, not the first hub's: a hub that is still being established has no data to draw.
        "hubs:initiatives:map": ("visitor", "/oslo/initiatives/map/"),
        "hubs:places:map": ("visitor", "/oslo/areas/"),
        "hubs:dashboards:hub": ("visitor", "/oslo/dashboards/"),
    }
    with_js = {label: browser_page(browser, live_server, c, javascript=True) for label, c in clients.items()}
    for name, selectors in expected.items():
        label, url = special[name] if name in special else pages[name]
        page = with_js[label]
        page.goto(url)
        for selector in selectors:
            # Shown: laid out, or revealed (nothing around it hidden) inside a section that a phone
            # keeps closed until it is opened (js/site.js; every section but the first).
            condition = (
                f"[...document.querySelectorAll({selector!r})].some(el => el.getClientRects().length"
                " || (el.closest('[data-collapsed]') && !el.closest('[hidden]')))"
            )
            try:
                wait_until(page, condition, 30_000)
            except AssertionError:
                problems.append(f"{name} {url} ({label}): {selector} is not shown with JavaScript")
    for page in with_js.values():
        page.context.close()
    assert problems == [], "\n".join(problems)
