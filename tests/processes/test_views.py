"""Process pages: who sees what, 403 for others (sven included), 400 on bad input with nothing
half saved, and redirects after success."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.processes import services
from apps.processes.models import Deliverable, PhaseRun, ProcessRun, ProcessTemplate
from tests.files import pdf
from tests.processes.conftest import TODAY, make_initiative, phase

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    return client


def url(name, *args):
    return reverse(f"hubs:processes:{name}", args=["oslo", *args])


def test_template_list_and_detail_are_public(client, library, oslo):
    response = client.get(url("templates"))
    assert response.status_code == 200
    assert (
        "Stedskaping 6 + 6" in response.content.decode() or "Placemaking 6 + 6" in response.content.decode()
    )
    response = client.get(url("template", library["stedskaping-6-6"].pk))
    assert response.status_code == 200
    assert "Make a copy for this hub" not in response.content.decode()


def test_a_steward_copies_and_edits(client, library, oslo, stella):
    login(client, stella)
    response = client.post(url("template_copy", library["new-hub"].pk))
    copy = ProcessTemplate.objects.get(hub=oslo)
    assert response.status_code == 302 and response["Location"] == url("template", copy.pk)
    page = client.get(url("template", copy.pk)).content.decode()
    assert "Add a phase" in page
    response = client.post(
        url("phase_template_add", copy.pk),
        {"new-phase-name": "Celebration", "new-phase-description": "", "new-phase-duration_days": "1"},
    )
    assert response.status_code == 302
    assert copy.phases.count() == 4
    phase_template = copy.phases.order_by("position").first()
    response = client.post(url("template_item", copy.pk, "phase", phase_template.pk), {"action": "down"})
    assert response.status_code == 302
    assert copy.phases.order_by("position").first().key == "pre-project"
    response = client.post(
        url("deliverable_template_add", copy.pk, phase_template.pk),
        {"deliverable-name": "Guest list", "deliverable-kind": "document", "deliverable-required": "on"},
    )
    assert response.status_code == 302
    assert phase_template.deliverables.filter(key="guest-list", required=True).exists()
    response = client.post(
        url("activity_template_add", copy.pk, phase_template.pk),
        {"activity-role": "team", "activity-text": "Cook"},
    )
    assert response.status_code == 302


def test_bad_template_edits_are_400_and_save_nothing(client, library, oslo, stella):
    copy = services.template_copy(template=library["new-hub"], hub=oslo, actor=stella)
    login(client, stella)
    response = client.post(
        url("phase_template_add", copy.pk), {"new-phase-name": "", "new-phase-duration_days": "0"}
    )
    assert response.status_code == 400
    assert copy.phases.count() == 3
    response = client.post(
        url("deliverable_template_add", copy.pk, copy.phases.first().pk),
        {"deliverable-name": "x", "deliverable-kind": "poster"},
    )
    assert response.status_code == 400


@pytest.mark.parametrize("who", ["mia", "bob", "sven", "vic"])
def test_others_cannot_copy_or_edit(client, library, oslo, stella, request, who):
    copy = services.template_copy(template=library["new-hub"], hub=oslo, actor=stella)
    login(client, request.getfixturevalue(who))
    assert client.post(url("template_copy", library["new-hub"].pk)).status_code == 403
    assert (
        client.post(
            url("phase_template_add", copy.pk), {"new-phase-name": "x", "new-phase-duration_days": "1"}
        ).status_code
        == 403
    )
    assert (
        client.post(
            url("template_item", copy.pk, "phase", copy.phases.first().pk), {"action": "delete"}
        ).status_code
        == 403
    )
    assert copy.phases.count() == 3


def test_sven_cannot_see_oslo_copies_through_sodertorn(client, library, oslo, stella, sven):
    copy = services.template_copy(template=library["new-hub"], hub=oslo, actor=stella)
    login(client, sven)
    assert client.get(reverse("hubs:processes:template", args=["sodertorn", copy.pk])).status_code == 404


def test_run_page_shows_timeline_and_progress(client, run):
    page = client.get(url("run", run.pk)).content.decode()
    assert '<ol class="process-timeline"' in page
    assert 'aria-current="step"' in page
    assert "<progress" in page and "Phases closed: 0 of 7" in page
    assert "Mark as done" not in page  # anonymous


def test_owner_completes_and_closes_through_the_page(client, run, olga):
    login(client, olga)
    first = phase(run, 0)
    check = first.deliverables.get(key="landowner-contact")
    document = first.deliverables.get(key="group-list")
    assert client.post(url("deliverable_complete", run.pk, check.pk), {"checked": "on"}).status_code == 302
    response = client.post(
        url("deliverable_complete", run.pk, document.pk),
        {
            "checked": "on",
            "file": pdf("group.pdf"),
        },
    )
    assert response.status_code == 302
    response = client.post(url("phase_close", run.pk, first.pk))
    assert response.status_code == 302
    assert PhaseRun.objects.get(pk=first.pk).status == "closed"


def test_next_brings_the_user_back_but_only_on_this_site(client, run, olga):
    login(client, olga)
    check = phase(run, 0).deliverables.get(key="landowner-contact")
    response = client.post(
        url("deliverable_complete", run.pk, check.pk), {"checked": "on", "next": "/oslo/initiatives/x/"}
    )
    assert response["Location"] == "/oslo/initiatives/x/"
    response = client.post(
        url("deliverable_complete", run.pk, check.pk), {"checked": "on", "next": "https://evil.example/"}
    )
    assert response["Location"].startswith(url("run", run.pk))


@pytest.mark.parametrize(
    ("name", "content"),
    [("virus.exe", b"MZ"), ("note.txt", b"hello"), ("fake.pdf", b"<html>")],
)
def test_wrong_file_type_is_400_and_nothing_saved(client, run, olga, name, content):
    login(client, olga)
    document = phase(run, 0).deliverables.get(key="group-list")
    response = client.post(
        url("deliverable_complete", run.pk, document.pk),
        {"checked": "on", "file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 400
    document.refresh_from_db()
    assert not document.done and not document.file


def test_oversized_file_is_400(client, run, olga, settings):
    settings.MAX_UPLOAD_SIZE = 100
    login(client, olga)
    document = phase(run, 0).deliverables.get(key="group-list")
    response = client.post(
        url("deliverable_complete", run.pk, document.pk),
        {"checked": "on", "file": pdf("big.pdf", padding=500)},
    )
    assert response.status_code == 400
    assert "too large" in response.content.decode()
    assert not Deliverable.objects.get(pk=document.pk).done


def test_end_before_start_is_400_and_nothing_saved(client, run, olga):
    login(client, olga)
    first = phase(run, 0)
    response = client.post(
        url("phase_dates", run.pk, first.pk),
        {f"dates-{first.pk}-starts_on": "2025-03-10", f"dates-{first.pk}-due_on": "2025-03-01"},
    )
    assert response.status_code == 400
    assert "cannot be before" in response.content.decode()
    assert PhaseRun.objects.get(pk=first.pk).starts_on == TODAY


def test_steward_must_give_a_reason_on_the_page(client, run, stella):
    login(client, stella)
    first = phase(run, 0)
    response = client.post(url("phase_close", run.pk, first.pk), {"reason": ""})
    assert response.status_code == 400
    assert "Give a reason" in response.content.decode()
    assert PhaseRun.objects.get(pk=first.pk).status == "current"
    response = client.post(url("phase_close", run.pk, first.pk), {"reason": "Agreed at the board meeting"})
    assert response.status_code == 302
    assert PhaseRun.objects.get(pk=first.pk).close_reason == "Agreed at the board meeting"


def test_owner_closing_with_open_deliverables_is_403(client, run, olga):
    login(client, olga)
    first = phase(run, 0)
    assert client.post(url("phase_close", run.pk, first.pk), {"reason": "please"}).status_code == 403
    assert PhaseRun.objects.get(pk=first.pk).status == "current"


@pytest.mark.parametrize("who", ["mia", "bob", "sven", "vic"])
def test_others_get_403_on_every_run_action(client, run, request, who):
    login(client, request.getfixturevalue(who))
    first = phase(run, 0)
    check = first.deliverables.get(key="landowner-contact")
    assert client.post(url("deliverable_complete", run.pk, check.pk), {"checked": "on"}).status_code == 403
    assert client.post(url("phase_close", run.pk, first.pk), {"reason": "x"}).status_code == 403
    assert client.post(url("phase_reopen", run.pk, first.pk)).status_code == 403
    assert (
        client.post(
            url("phase_dates", run.pk, first.pk),
            {f"dates-{first.pk}-starts_on": "2025-03-03", f"dates-{first.pk}-due_on": "2025-04-03"},
        ).status_code
        == 403
    )
    assert client.post(url("run_start"), {"template": "1", "starts_on": "2025-03-03"}).status_code == 403
    assert not Deliverable.objects.get(pk=check.pk).done


def test_anonymous_is_sent_to_sign_in(client, run):
    first = phase(run, 0)
    response = client.post(url("phase_close", run.pk, first.pk))
    assert response.status_code == 302 and "login" in response["Location"]


def test_run_of_another_hub_is_404(client, run, sven):
    assert client.get(reverse("hubs:processes:run", args=["sodertorn", run.pk])).status_code == 404


def test_owner_starts_a_process_from_the_panel_form(client, library, oslo, olga):
    initiative = make_initiative(oslo, olga, slug="bench")
    login(client, olga)
    response = client.post(
        url("run_start"),
        {
            "initiative": initiative.pk,
            "template": library["stedskaping-6-6"].pk,
            "starts_on": "2025-04-01",
            "next": "/oslo/",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/oslo/"
    run = ProcessRun.objects.get(initiative=initiative)
    assert run.started_on == datetime.date(2025, 4, 1)


def test_bad_start_is_400(client, library, oslo, olga):
    initiative = make_initiative(oslo, olga, slug="bench")
    login(client, olga)
    response = client.post(
        url("run_start"),
        {"initiative": initiative.pk, "template": library["stedskaping-6-6"].pk, "starts_on": "soon"},
    )
    assert response.status_code == 400
    assert not ProcessRun.objects.exists()


def test_establishment_page(client, library, oslo, stella, mia):
    login(client, mia)
    page = client.get(url("establishment"))
    assert page.status_code == 200 and "Start the establishment" not in page.content.decode()
    login(client, stella)
    page = client.get(url("establishment")).content.decode()
    assert "Start the establishment" in page
    response = client.post(url("run_start"), {"template": library["new-hub"].pk, "starts_on": "2025-01-06"})
    run = ProcessRun.objects.get(hub=oslo, initiative__isnull=True)
    assert response.status_code == 302
    assert client.get(url("establishment"))["Location"] == url("run", run.pk)
    assert [p.key for p in run.phases.all()] == ["exploratory-meeting", "pre-project", "establishment"]


def test_initiative_panel_renders_through_the_template_tag(rf, run, initiative, olga, stella):
    from django.template import Context, Template

    request = rf.get(initiative.get_absolute_url())
    request.user = olga
    html = Template("{% load processes_tags %}{% process_panel initiative %}").render(
        Context({"initiative": initiative, "request": request, "user": olga})
    )
    assert "Current phase:" in html and "Mark as done" in html and 'name="next"' in html
    assert "Close the phase anyway" not in html  # the owner cannot override the gate
    request.user = stella
    html = Template("{% load processes_tags %}{% process_panel initiative %}").render(
        Context({"initiative": initiative, "request": request, "user": stella})
    )
    assert "Close the phase anyway" in html


def test_initiative_panel_offers_a_start_form_to_the_owner_only(rf, library, oslo, olga, mia):
    from django.template import Context, Template

    initiative = make_initiative(oslo, olga, slug="idea", status="idea")
    request = rf.get("/")
    for user, expected in ((olga, True), (mia, False)):
        request.user = user
        html = Template("{% load processes_tags %}{% process_panel initiative %}").render(
            Context({"initiative": initiative, "request": request, "user": user})
        )
        assert ("Start a process" in html) is expected


def test_an_object_deliverable_points_to_an_event_of_the_hub(client, run, olga, initiative, sodertorn):
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from apps.events.models import Event

    object_deliverable = Deliverable.objects.filter(phase_run__run=run, kind="object").first()
    assert object_deliverable is not None, "the Stedskaping template has a deliverable that is an object"
    starts = timezone.now() + datetime.timedelta(days=3)
    workshop = Event.objects.create(
        hub=run.hub,
        initiative=initiative,
        kind="workshop",
        title="Verksted på Tøyen",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        organiser=olga,
    )
    elsewhere = Event.objects.create(
        hub=sodertorn,
        kind="workshop",
        title="Elsewhere",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        organiser=olga,
    )
    PhaseRun.objects.filter(pk=object_deliverable.phase_run_id).update(status="current")
    login(client, olga)
    page = client.get(reverse("hubs:processes:run", args=["oslo", run.pk])).content.decode()
    assert "Verksted på Tøyen" in page and "Elsewhere" not in page  # offered: this hub's events

    target = url("deliverable_complete", run.pk, object_deliverable.pk)
    assert client.post(target, {"checked": "on", "event": elsewhere.pk}).status_code == 400
    object_deliverable.refresh_from_db()
    assert not object_deliverable.done

    assert client.post(target, {"checked": "on", "event": workshop.pk}).status_code == 302
    object_deliverable.refresh_from_db()
    assert object_deliverable.done
    assert object_deliverable.content_type == ContentType.objects.get_for_model(Event)
    assert object_deliverable.object_id == workshop.pk


def test_a_reason_too_long_is_told_its_limit_not_to_give_a_reason(client, run, stella):
    login(client, stella)
    first = phase(run, 0)
    response = client.post(url("phase_close", run.pk, first.pk), {"reason": "x" * 100_000})
    assert response.status_code == 400
    page = response.content.decode()
    assert "at most 2000 characters" in page and "Give a reason" not in page
    assert PhaseRun.objects.get(pk=first.pk).status == "current"


def test_the_service_refuses_a_reason_too_long(run, stella):
    from django.core.exceptions import ValidationError

    first = phase(run, 0)
    with pytest.raises(ValidationError, match="at most 2000 characters"):
        services.phase_close(phase_run=first, actor=stella, reason="x" * 2001)
    assert PhaseRun.objects.get(pk=first.pk).status == "current"
