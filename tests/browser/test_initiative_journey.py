"""An idea on its way, in a real browser: a resident submits an idea, the Oslo steward is told
(by e-mail and in the app) and runs the follow-up (a clarification meeting, minutes, an action
point for the resident), the initiative starts Stedskaping 6 + 6, the first phase's required
deliverables are completed and the phase closes, making the second one current. On the way, the
resident is refused closing the phase while its required deliverables are still open."""

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from apps.followup.models import Meeting, Task
from apps.initiatives.models import Initiative
from apps.notifications.models import Notification
from apps.processes.loader import load_templates
from apps.processes.models import PhaseStatus, ProcessRun, ProcessTemplate
from tests.factories import PASSWORD, HubFactory, MembershipFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "A pocket park on Tøyen"
SUMMARY = "Benches, trees and a water post on the empty corner lot."
# A tiny but real PDF (the upload check reads the file's first bytes).
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def new_page(browser, live_server):
    """Another browser (its own cookies) for a second person at the same time."""
    contexts = []

    def make():
        context = browser.new_context(locale="en-GB", base_url=live_server.url)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield make
    for context in contexts:
        context.close()


def verified_user(**kwargs):
    user = UserFactory(**kwargs)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def sign_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]", has_text=re.compile("Sign in", re.I)).first.click()
    expect(page.locator("header").get_by_role("button", name=re.compile("Sign out", re.I))).to_be_visible()


def success(page, text: str | re.Pattern) -> None:
    """Wait for the flash message that a form worked."""
    expect(page.locator(".messages .ds-alert[data-color=success]", has_text=text)).to_be_visible()


def test_an_idea_is_followed_up_and_its_first_phase_closes(page, new_page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    # The library templates come with a data migration; earlier transactional tests flush them.
    load_templates()
    template = ProcessTemplate.objects.get(key="stedskaping-6-6", hub__isnull=True)

    oslo = HubFactory(slug="oslo", name="Pådriv Oslo", place="Oslo")
    steward = verified_user(email="stella@example.org", name="Stella Steward")
    MembershipFactory(hub=oslo, user=steward, is_steward=True)
    resident = verified_user(email="rita@example.org", name="Rita Resident")

    # 1. A resident signs in and submits an idea, with the place given by longitude and latitude.
    sign_in(page, resident.email)
    page.goto("/oslo/initiatives/new/")
    page.fill("#id_title", TITLE)
    page.fill("#id_summary", SUMMARY)
    page.fill("#id_description", "We want to **green** the corner lot by the metro.")
    page.fill("#id_lon", "10.7722")
    page.fill("#id_lat", "59.9149")
    page.get_by_role("button", name="Submit the idea").click()
    success(page, "Your idea is published")
    initiative = Initiative.objects.get(hub=oslo, title=TITLE)
    assert page.url.endswith(f"/oslo/initiatives/{initiative.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    assert initiative.owner == resident
    assert initiative.status == Initiative.Status.IDEA
    assert initiative.place == {"type": "Point", "coordinates": [10.7722, 59.9149]}
    assert initiative.team.filter(user=resident, role="owner").exists()

    # 2. The steward is told: by e-mail, and in the app.
    to_steward = [m for m in mail.outbox if steward.email in m.to]
    assert len(to_steward) == 1
    assert TITLE in to_steward[0].subject
    assert f"/oslo/initiatives/{initiative.slug}/" in to_steward[0].body
    assert not any(resident.email in m.to for m in mail.outbox)  # the author is not told of their own idea
    assert Notification.objects.filter(recipient=steward, title__contains=TITLE).count() == 1

    stella = new_page()
    sign_in(stella, steward.email)
    stella.goto("/notifications/")
    notification = stella.locator(".notification", has_text=TITLE)
    expect(notification).to_have_count(1)
    expect(notification).to_contain_text("Pådriv Oslo")

    # 3. The steward opens the follow-up queue, finds the idea and schedules a clarification meeting.
    stella.goto("/oslo/follow-up/")
    item = stella.locator(".followup-item", has_text=TITLE)
    expect(item).to_have_count(1)
    item.get_by_role("link", name=re.compile("Schedule clarification")).click()
    expect(stella).to_have_url(re.compile(rf"/oslo/follow-up/initiatives/{initiative.slug}/meetings/new/"))
    expect(stella.locator("input[name=kind][value=clarification]")).to_be_checked()
    # The owner and the steward are invited already.
    expect(stella.locator(f"input[name=participants][value='{resident.pk}']")).to_be_checked()
    expect(stella.locator(f"input[name=participants][value='{steward.pk}']")).to_be_checked()
    when = (timezone.localdate() + timedelta(days=3)).isoformat()
    stella.fill("#id_scheduled_at", f"{when}T17:00")
    stella.fill("#id_location", "Tøyen library, meeting room 2")
    stella.fill("#id_agenda", "What the idea needs, and who can help.")
    stella.get_by_role("button", name="Schedule and notify").click()
    success(stella, "The meeting is scheduled")
    meeting = Meeting.objects.get(initiative=initiative)
    assert meeting.kind == Meeting.Kind.CLARIFICATION
    assert set(meeting.participants.values_list("pk", flat=True)) == {resident.pk, steward.pk}
    assert stella.url.endswith(f"/oslo/follow-up/meetings/{meeting.pk}/")
    # With a clarification meeting, the idea has left the queue of new ideas.
    stella.goto("/oslo/follow-up/")
    expect(stella.locator("#ideas-heading + .followup-list .followup-item", has_text=TITLE)).to_have_count(0)
    stella.goto(f"/oslo/follow-up/meetings/{meeting.pk}/")

    # 4. Minutes, and an action point for the resident.
    stella.fill("#id_minutes-minutes", "Rita presented the idea. The landowner must be asked first.")
    stella.get_by_role("button", name="Save the minutes").click()
    success(stella, "The minutes were saved.")
    expect(stella.locator("#minutes-heading + .prose")).to_contain_text("The landowner must be asked first.")
    stella.fill("#id_task-title", "Ask the landowner about the corner lot")
    stella.select_option("#id_task-assignee", str(resident.pk))
    stella.fill("#id_task-due_on", (timezone.localdate() + timedelta(days=14)).isoformat())
    stella.get_by_role("button", name="Add action point").click()
    success(stella, "The action point was added.")
    expect(stella.locator("#action-points tbody tr", has_text="Ask the landowner")).to_contain_text(
        "Rita Resident"
    )
    meeting.refresh_from_db()
    assert meeting.minutes_recorded_by == steward
    task = Task.objects.get(meeting=meeting)
    assert (task.assignee, task.initiative, task.title) == (
        resident,
        initiative,
        "Ask the landowner about the corner lot",
    )

    # The resident finds the action point among their tasks.
    page.goto("/me/tasks/")
    row = page.locator(f"#task-{task.pk}")
    expect(row).to_contain_text("Ask the landowner about the corner lot")
    expect(row).to_contain_text(TITLE)

    # 5. The steward starts Stedskaping 6 + 6 from the initiative's process panel.
    stella.goto(initiative.get_absolute_url())
    panel = stella.locator(".process-panel")
    expect(panel.get_by_role("button", name="Start a process")).to_be_visible()
    panel.locator("select[name=template]").select_option(str(template.pk))
    # The start date is filled in with today (a date field needs an ISO date as its value).
    expect(panel.locator("input[name=starts_on]")).to_have_value(timezone.localdate().isoformat())
    panel.get_by_role("button", name="Start a process").click()
    success(stella, "The process has started.")
    run = ProcessRun.objects.get(initiative=initiative)
    assert run.template == template
    assert run.started_by == steward
    phases = list(run.phases.order_by("position"))
    first, second = phases[0], phases[1]
    assert first.key == "project-group" and second.key == "input"
    assert first.status == PhaseStatus.CURRENT
    assert all(p.status == PhaseStatus.UPCOMING for p in phases[1:])
    assert stella.url.endswith(initiative.get_absolute_url())
    expect(stella.locator(".process-panel")).to_contain_text(first.name)

    # 6. The resident (the owner, not a steward) opens the run: the first phase is current, and
    # with its required deliverables open they cannot close it.
    page.goto(initiative.get_absolute_url())
    page.locator(".process-panel").get_by_role("link", name="See the whole process").click()
    expect(page).to_have_url(re.compile(rf"/oslo/processes/runs/{run.pk}/$"))
    first_section = page.locator(f"#phase-{first.pk}")
    second_section = page.locator(f"#phase-{second.pk}")
    expect(first_section.locator(".process-phase__head .ds-tag").first).to_have_text("Current")
    expect(second_section.locator(".process-phase__head .ds-tag").first).to_have_text("Coming")
    required = list(first.deliverables.filter(required=True).order_by("position"))
    assert {d.kind for d in required} == {"document", "check"}
    gate = first_section.locator("form.phase-gate")
    expect(gate).to_contain_text("Finish 2 more required deliverables to close this phase.")
    expect(gate.get_by_role("button")).to_have_count(0)
    # Sending the gate form anyway is refused, and says why.
    gate.evaluate("form => form.submit()")
    expect(page.locator("main")).to_contain_text("Required deliverables are still open")
    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot do this")
    for deliverable in required:
        expect(page.locator("main")).to_contain_text(deliverable.shown_name)  # in the reader's language
    first.refresh_from_db()
    assert first.status == PhaseStatus.CURRENT
    assert first.closed_at is None

    # 7. The resident completes the required deliverables: the document, then the check.
    page.goto(f"/oslo/processes/runs/{run.pk}/")
    for deliverable in required:
        item = page.locator(f"#deliverable-{deliverable.pk}")
        if deliverable.kind == "document":
            item.locator("input[type=file]").set_input_files(
                {"name": "project-group.pdf", "mimeType": "application/pdf", "buffer": PDF}
            )
            item.get_by_role("button", name="Save and mark as done").click()
        else:
            item.get_by_role("button", name="Mark as done").click()
        success(page, f"“{deliverable.name}” is done.")
        expect(page.locator(f"#deliverable-{deliverable.pk}")).to_have_class(re.compile(r"deliverable--done"))
        deliverable.refresh_from_db()
        assert deliverable.done and deliverable.done_by == resident
    assert required[0].file.name.endswith(".pdf")

    # 8. Now the resident closes the phase: it is closed, and the second phase is current.
    first_section.get_by_role("button", name="Close the phase and go on").click()
    success(page, f"The phase “{first.name}” is closed.")
    expect(first_section.locator(".process-phase__head .ds-tag").first).to_have_text("Closed")
    expect(second_section.locator(".process-phase__head .ds-tag").first).to_have_text("Current")
    expect(first_section).to_contain_text("Rita Resident")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == PhaseStatus.CLOSED
    assert first.closed_by == resident
    assert first.close_reason == ""
    assert second.status == PhaseStatus.CURRENT
    assert run.phases.filter(status=PhaseStatus.CURRENT).count() == 1

    # The initiative's page shows the new current phase.
    page.goto(initiative.get_absolute_url())
    expect(page.locator(".process-panel")).to_contain_text(f"Current phase: {second.name}")
