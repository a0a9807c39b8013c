"""In a real browser: the main pages run under the Content Security Policy without a single
violation, the skip link is the first stop for the keyboard and leads to the main content,
focus is visible, and the map's controls have names in the page's language."""

import pytest

from apps.initiatives.models import Initiative

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(page):
    page.set_default_timeout(60_000)  # a busy machine must not fail these
    return page


CSP_LISTENER = """window.__csp = [];
document.addEventListener("securitypolicyviolation",
  e => window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));"""

MAIN_PAGES = [
    "/",
    "/oslo/",
    "/oslo/initiatives/",
    "/oslo/initiatives/map/",
    "/oslo/areas/",
    "/oslo/events/",
    "/oslo/members/",
    "/oslo/join/",
    "/accounts/login/",
    "/accounts/signup/",
    "/api/v1/docs",
]


def test_the_main_pages_log_no_csp_violation(page, oslo, stella):
    Initiative.objects.create(
        hub=oslo, owner=stella, title="Grønt gårdsrom", slug="gront-gardsrom", summary="Et gårdsrom."
    )
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.add_init_script(CSP_LISTENER)
    for url in [*MAIN_PAGES, "/oslo/initiatives/gront-gardsrom/"]:
        response = page.goto(url)
        assert response.status == 200, url
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("load")
        assert page.evaluate("window.__csp") == [], url
    assert [m for m in messages if "Content Security Policy" in m] == []


def test_the_policy_would_block_an_inline_script(page, oslo):
    """The listener above is not blind: an injected inline script is refused and reported."""
    page.add_init_script(CSP_LISTENER)
    page.goto("/oslo/")
    page.evaluate(
        """() => { const s = document.createElement("script"); s.textContent = "window.__ran = true";
        document.body.append(s); }"""
    )
    page.wait_for_function("window.__csp.length > 0")
    assert page.evaluate("window.__ran") is None
    assert page.evaluate("window.__csp")[0].startswith("script-src")


def test_the_skip_link_comes_first_and_leads_to_the_main_content(page, oslo):
    page.goto("/oslo/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert "ds-skip-link" in focused
    box = page.locator(".ds-skip-link").bounding_box()
    assert box["width"] > 1 and box["height"] > 1  # shown while it has focus
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_focus_is_visible_on_links_and_buttons(page, oslo):
    page.goto("/oslo/")
    for _ in range(3):
        page.keyboard.press("Tab")
    outline = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth]; })()"
    )
    assert outline[0] != "none" and outline[1] != "0px"


def test_the_map_and_its_controls_are_labelled(page, oslo):
    page.goto("/oslo/initiatives/map/")
    page.wait_for_selector(".leaflet-control-zoom-in")
    assert page.get_attribute("#initiative-map", "aria-label")
    assert page.get_attribute(".leaflet-control-zoom-in", "aria-label") == "Zoom in"
    assert page.get_attribute(".leaflet-control-zoom-out", "aria-label") == "Zoom out"
    attribution = page.locator(".leaflet-control-attribution")
    assert attribution.get_attribute("role") == "group"
    assert attribution.get_attribute("aria-label") == "Map data and credits"
