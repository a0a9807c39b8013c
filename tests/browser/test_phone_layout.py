"""First impressions on a phone and on a desktop (issue 13, points 1 to 3), in Chromium.

Below 720 px the header is one row (the brand, "Menu" and the language) and the account links
and the hub's tabs are in the menu, which Escape closes; at 1280 px every tab is visible, the
steward's tenth too. The language is one disclosure of three buttons. Long pages are sections
that close on a phone (all open without JavaScript and on a desktop)."""

import pytest
from django.conf import settings
from django.test import Client

from apps.initiatives.models import Initiative, InitiativeUpdate
from tests.browser.conftest import wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 800}
DESKTOP = {"width": 1280, "height": 800}


def open_page(browser, live_server, user=None, language="en", **options):
    context = browser.new_context(base_url=live_server.url, locale="en-GB", **options)
    cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    if user is not None:
        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        cookies.append({"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url})
    context.add_cookies(cookies)
    page = context.new_page()
    page.set_default_timeout(60_000)
    return page


def visible_tabs(page, selector: str) -> list[str]:
    return [link.inner_text().strip() for link in page.locator(f"{selector} a").all() if link.is_visible()]


def test_on_a_phone_the_header_is_one_row_and_the_tabs_are_in_the_menu(browser, live_server, oslo, stella):
    page = open_page(browser, live_server, stella, viewport=PHONE)
    page.goto("/oslo/")
    header = page.locator(".site-header__inner")
    menu = page.locator(".site-menu > summary")
    language = page.locator(".language-menu > summary")
    assert menu.is_visible() and language.is_visible()
    assert menu.inner_text().strip() == "Menu"
    boxes = [page.locator(".site-brand").bounding_box(), menu.bounding_box(), language.bounding_box()]
    assert header.bounding_box()["height"] < 80  # one row
    assert all(
        abs(box["y"] + box["height"] / 2 - (boxes[1]["y"] + boxes[1]["height"] / 2)) < 20 for box in boxes
    )
    assert page.locator(".site-header > .hub-nav").is_hidden()
    assert page.locator(".site-nav--wide").is_hidden()
    assert visible_tabs(page, ".hub-nav--menu") == []

    menu.click()
    assert menu.get_attribute("aria-expanded") == "true"
    tabs = visible_tabs(page, ".hub-nav--menu")
    assert len(tabs) == 11 and tabs[0] == "Overview" and tabs[-1] == "Applications"
    assert page.locator(".site-nav--menu").get_by_role("button", name="Sign out").is_visible()
    page.keyboard.press("Escape")
    assert page.locator(".site-menu").get_attribute("open") is None
    assert menu.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.closest('.site-menu') !== null")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.context.close()


def test_the_menu_works_without_javascript(browser, live_server, oslo, mia):
    page = open_page(
        browser, live_server, mia, viewport={"width": 320, "height": 700}, java_script_enabled=False
    )
    page.goto("/oslo/")
    page.locator(".site-menu > summary").click()
    tabs = visible_tabs(page, ".hub-nav--menu")
    assert len(tabs) == 10 and "Applications" not in tabs
    page.locator(".hub-nav--menu").get_by_role("link", name="Members").click()
    assert page.url.endswith("/oslo/members/")
    page.context.close()


def test_on_a_desktop_every_tab_is_visible_the_stewards_tenth_too(browser, live_server, oslo, stella):
    for language in ("nb", "sv", "en"):
        page = open_page(browser, live_server, stella, language=language, viewport=DESKTOP)
        page.goto("/oslo/")
        assert page.locator(".site-menu").is_hidden()
        links = page.locator(".site-header > .hub-nav a")
        assert links.count() == 11
        for link in links.all():
            box = link.bounding_box()
            assert link.is_visible() and box["x"] >= 0 and box["x"] + box["width"] <= DESKTOP["width"], (
                language
            )
        assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]
        page.context.close()


@pytest.mark.parametrize("javascript", [True, False])
def test_the_language_control_switches_and_stays_on_the_page(browser, live_server, oslo, javascript):
    page = open_page(browser, live_server, language="nb", viewport=PHONE, java_script_enabled=javascript)
    page.goto("/oslo/members/")
    summary = page.locator(".language-menu > summary")
    code = page.locator(".language-menu__code")  # on a phone the code shows, the name is for screen readers
    assert code.is_visible() and code.inner_text() == "NB"
    assert summary.inner_text().split() == ["Språk:", "NB", "Norsk", "bokmål"]
    summary.click()
    current = page.locator(".language-menu__panel button[aria-current=true]")
    assert current.inner_text().strip() == "Norsk bokmål"
    page.locator(".language-menu__panel").get_by_role("button", name="Svenska").click()
    page.wait_for_load_state()
    assert page.url.endswith("/oslo/members/")
    assert page.evaluate("document.documentElement.lang") == "sv"
    page.locator(".language-menu > summary").click()
    assert page.locator(".language-menu__panel button[aria-current=true]").inner_text().strip() == "Svenska"
    page.context.close()


@pytest.fixture
def long_initiative(oslo, stella):
    initiative = Initiative.objects.create(
        hub=oslo, slug="lang-side", title="En lang side", owner=stella, description="Ideen. " * 40
    )
    for n in range(3):
        InitiativeUpdate.objects.create(
            initiative=initiative, author=stella, title=f"Oppdatering {n}", body="Tekst"
        )
    return initiative


def test_on_a_phone_the_sections_close_and_the_list_opens_them(browser, live_server, stella, long_initiative):
    page = open_page(browser, live_server, stella, viewport=PHONE)
    page.goto(long_initiative.get_absolute_url())
    wait_until(page, "document.querySelectorAll('[data-section-toggle]').length >= 3", 60_000)
    toggles = page.locator("[data-section-toggle]")
    assert toggles.first.get_attribute("aria-expanded") == "true"
    assert all(t.get_attribute("aria-expanded") == "false" for t in toggles.all()[1:])
    assert page.locator("#updates-heading").evaluate("h => h.tagName") == "H2"  # the heading keeps its level
    assert page.get_by_text("Oppdatering 0").is_hidden()

    index = page.locator("[data-section-index]")
    assert index.is_visible()
    index.get_by_role("link", name="Updates").click()
    assert page.get_by_text("Oppdatering 0").is_visible()
    page.locator("#updates-heading [data-section-toggle]").click()
    assert page.get_by_text("Oppdatering 0").is_hidden()
    page.emulate_media(media="print")
    assert page.get_by_text("Oppdatering 0").is_visible()  # printing shows everything
    page.context.close()


@pytest.mark.parametrize(("viewport", "javascript"), [(DESKTOP, True), (PHONE, False)])
def test_on_a_desktop_and_without_javascript_every_section_is_open(
    browser, live_server, stella, long_initiative, viewport, javascript
):
    page = open_page(browser, live_server, stella, viewport=viewport, java_script_enabled=javascript)
    page.goto(long_initiative.get_absolute_url())
    assert page.locator("[data-section-toggle]").count() == 0
    assert page.locator("[data-section-index]").is_hidden()
    assert page.get_by_text("Oppdatering 2").is_visible()
    page.context.close()
