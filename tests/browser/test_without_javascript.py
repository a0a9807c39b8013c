"""The core flows work with JavaScript switched off (issue 14, point 8): join a hub, submit an
idea, place a mark (the form's fallback: coordinates instead of a click on the map), vote in a
concept vote, sign up for an event and pledge to a campaign. Each is done end to end in
Chromium with `java_script_enabled=False`, on the demo's data, and checked in the database."""

from decimal import Decimal
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from apps.accounts.models import User
from apps.events.models import Event, Registration
from apps.funding.models import Campaign, Pledge
from apps.hubs.models import Hub, Membership
from apps.mapinput.models import MapMark, MarkSettings
from apps.participation.models import Idea
from apps.participation.spaces import Space
from apps.surveys.models import Ballot, Concept, ConceptVote, Status
from tests.factories import UserFactory

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def without_javascript(browser, live_server, user):
    """A page in a browser with JavaScript off, signed in as `user`."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(base_url=live_server.url, locale="en-GB", java_script_enabled=False)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            },
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url},
        ]
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    assert page.evaluate("1 + 1") == 2  # Playwright's own evaluation still works; the page's scripts do not
    return page


def submit(page, form_selector: str = "main form.form") -> None:
    page.locator(f"{form_selector} button[type=submit]").last.click()
    page.wait_for_load_state()


def test_the_core_flows_work_without_javascript(browser, live_server):
    call_command("seed_demo", stdout=StringIO())
    oslo = Hub.objects.get(slug="oslo")

    # Join a hub: a new, verified person applies with a message.
    newcomer = UserFactory(email="newcomer@example.org", name="Ny Person")
    EmailAddress.objects.create(user=newcomer, email=newcomer.email, verified=True, primary=True)
    page = without_javascript(browser, live_server, newcomer)
    page.goto("/oslo/join/")
    page.fill("textarea[name=message]", "Jeg vil være med på gårdsrommene.")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    membership = Membership.objects.get(hub=oslo, user=newcomer)
    assert membership.status == "pending"
    page.context.close()

    member = User.objects.get(email="member@oslo.demo")
    page = without_javascript(browser, live_server, member)

    # Submit an idea in an initiative's space.
    marks = (
        MarkSettings.objects.select_related("initiative").filter(hub=oslo, initiative__isnull=False).first()
    )
    space = Space(hub=oslo, initiative=marks.initiative)
    ideas_before = Idea.objects.count()
    page.goto(f"/oslo/ideas/{space.key}/")
    page.fill("main form input[name=title]", "Flere benker ved lekeplassen")
    page.fill("main form textarea[name=body]", "Besteforeldre trenger et sted å sitte.")
    page.locator("main form button[type=submit]", has_text="Publish the idea").click()
    page.wait_for_load_state()
    assert Idea.objects.count() == ideas_before + 1
    idea = Idea.objects.latest("pk")
    assert (idea.title, idea.author, idea.initiative) == (
        "Flere benker ved lekeplassen",
        member,
        marks.initiative,
    )
    assert "Flere benker ved lekeplassen" in page.content()

    # Place a mark: without JavaScript the map stays hidden and the form asks for coordinates.
    page.goto(f"/oslo/marks/{space.key}/")
    assert page.locator("#marks-map").is_hidden()
    form = page.locator("#marks-form")
    if form.locator("select[name=kind]").count():
        form.locator("select[name=kind]").select_option("point")
    form.locator("select[name=category]").select_option(index=1)
    inside = MapMark.objects.filter(settings=marks, kind="point").first()  # within the place's boundary
    form.locator("input[name=lon]").fill(str(inside.lon))
    form.locator("input[name=lat]").fill(str(inside.lat))
    form.locator("textarea[name=comment]").fill("Her mangler det lys om kvelden.")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    mark = MapMark.objects.filter(author=member).latest("pk")
    assert mark.comment == "Her mangler det lys om kvelden."
    assert mark.settings == marks
    assert (mark.lon, mark.lat) == (inside.lon, inside.lat)

    # Vote in a concept vote that is open now.
    vote = ConceptVote(title="Hvilket konsept for gården?", status=Status.OPEN)
    vote.set_space(space)
    vote.save()
    concepts = [Concept.objects.create(vote=vote, position=n, title=f"Konsept {'ABC'[n]}") for n in range(3)]
    page.goto(vote.get_absolute_url())
    page.check(f"#concept-{concepts[1].pk}")
    page.locator("main form button[type=submit]", has_text="Cast my vote").click()
    page.wait_for_load_state()
    ballot = Ballot.objects.get(vote=vote, voter=member)
    assert ballot.concept == concepts[1]

    # Sign up for an upcoming event with open registration.
    event = (
        Event.objects.filter(hub=oslo, registration_open=True, starts_at__gt=timezone.now())
        .exclude(registrations__user=member)
        .order_by("starts_at")
        .first()
    )
    page.goto(event.get_absolute_url())
    page.locator("main form button[type=submit]", has_text="Sign up").click()
    page.wait_for_load_state()
    assert Registration.objects.get(event=event, user=member).status in {"confirmed", "waiting"}
    assert page.locator("main form button[type=submit]", has_text="Cancel my place").count() == 1

    # Pledge to an open campaign.
    campaign = (
        Campaign.objects.select_related("initiative").filter(initiative__hub=oslo, status="open").first()
    )
    pledges_before = Pledge.objects.filter(campaign=campaign, user=member).count()
    page.goto(campaign.get_absolute_url())
    pledge_form = page.locator("main form", has=page.locator("input[name=amount]"))
    pledge_form.locator("input[name=amount]").fill("250")
    pledge_form.locator("button[type=submit]", has_text="Pledge").click()
    page.wait_for_load_state()
    assert Pledge.objects.filter(campaign=campaign, user=member).count() == pledges_before + 1
    assert Pledge.objects.filter(campaign=campaign, user=member).latest("pk").amount == Decimal("250")
    assert "Thank you! Your pledge is registered." in page.content()
    page.context.close()
