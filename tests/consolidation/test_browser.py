"""A steward opens the review queue, merges two initiatives, and the old page redirects to the
merged one — in a real browser."""

import re

import pytest
from allauth.account.models import EmailAddress
from pytest_django.live_server_helper import LiveServer

from apps.consolidation import services
from apps.initiatives.models import Follow
from tests.browser.test_join_journey import sign_in
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MIDDLEWARE = "apps.consolidation.middleware.MergedInitiativeRedirectMiddleware"


@pytest.fixture
def server(settings):
    """A live server of its own, started after the redirect middleware is in the settings (the
    shared one may have started before; once settings.MIDDLEWARE lists it, this changes nothing)."""
    if MIDDLEWARE not in settings.MIDDLEWARE:
        settings.MIDDLEWARE = [*settings.MIDDLEWARE, MIDDLEWARE]
    live = LiveServer("localhost")
    yield live
    live.stop()


def test_a_steward_merges_two_initiatives_and_the_old_page_redirects(
    browser, server, oslo, stella, toyen, hagegata, mia
):
    EmailAddress.objects.create(user=stella, email=stella.email, verified=True, primary=True)
    Follow.objects.create(initiative=hagegata, user=mia)
    services.find_overlaps(hub=oslo)
    context = browser.new_context(locale="en-GB", base_url=server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        sign_in(page, stella.email, PASSWORD)
        page.goto("/oslo/consolidation/")
        page.get_by_role("link", name=re.compile("Grønt gårdsrom i Hagegata")).click()
        assert page.get_by_text(re.compile("metres apart")).is_visible()
        page.get_by_label("Grønn gårdsplass på Tøyen").check()
        page.get_by_role("button", name="Merge the two initiatives").click()
        page.wait_for_url(re.compile(r"/oslo/initiatives/gronn-gardsplass/$"))
        assert page.get_by_role("heading", name="Grønn gårdsplass på Tøyen").first.is_visible()

        page.goto("/oslo/initiatives/gront-gardsrom/")
        assert page.url.endswith("/oslo/initiatives/gronn-gardsplass/")
        assert Follow.objects.filter(initiative=toyen, user=mia).exists()
    finally:
        context.close()
