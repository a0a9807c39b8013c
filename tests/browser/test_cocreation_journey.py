"""Co-creation around an initiative, in a real browser: a resident places a mark on the
initiative's map, answers its survey, votes for a concept asking to join the project group,
confirms from the link they were sent, and then shows in the initiative's team. Voting twice is
refused and counts once."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from playwright.sync_api import expect

from apps.initiatives import services as initiative_services
from apps.initiatives.models import TeamMember
from apps.mapinput import services as mapinput_services
from apps.mapinput.models import MapMark, MarkSettings
from apps.notifications.models import Notification
from apps.participation.spaces import Space
from apps.surveys import services as survey_services
from apps.surveys.models import Answer, Ballot, Question, Response
from tests.factories import PASSWORD, HubFactory, MembershipFactory, UserFactory, consent

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Green courtyard at Grünerløkka"
# The initiative's place: a small polygon in Oslo; marks must fall inside it.
POLYGON = {
    "type": "Polygon",
    "coordinates": [
        [[10.750, 59.920], [10.770, 59.920], [10.770, 59.930], [10.750, 59.930], [10.750, 59.920]]
    ],
}


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


def build_initiative():
    """An Oslo initiative with a polygon, an open map with a category, an open survey (single
    choice, scale, free text) and an open concept vote with two concepts, all made through the
    apps' services by the initiative's owner."""
    oslo = HubFactory(slug="oslo", name="Pådriv Oslo", place="Oslo")
    MembershipFactory(
        hub=oslo, user=UserFactory(email="stella@example.org", name="Stella Steward"), is_steward=True
    )
    owner = UserFactory(email="olav@example.org", name="Olav Owner")
    initiative = initiative_services.initiative_submit(
        hub=oslo, actor=owner, title=TITLE, summary="Trees and benches in the yard.", place=POLYGON
    )
    space = Space(hub=oslo, initiative=initiative)

    category = mapinput_services.category_add(space=space, actor=owner, name="Needs shade", colour="#2a7d4f")
    settings = MarkSettings.objects.get(hub=oslo, space_key=space.key)
    assert settings.is_open() and settings.boundary_required and settings.effective_boundary(space) == POLYGON

    survey = survey_services.survey_create(space=space, actor=owner, title="What should the courtyard have?")
    single = survey_services.question_add(
        survey=survey,
        actor=owner,
        kind=Question.Kind.SINGLE,
        text="What do you miss most?",
        options=["Trees", "Benches", "A playground"],
    )
    scale = survey_services.question_add(
        survey=survey,
        actor=owner,
        kind=Question.Kind.SCALE,
        text="How often do you pass by?",
        scale_min=1,
        scale_max=5,
        min_label="Never",
        max_label="Every day",
    )
    text = survey_services.question_add(
        survey=survey, actor=owner, kind=Question.Kind.TEXT, text="Anything else?", required=False
    )
    survey_services.survey_open(survey=survey, actor=owner)

    vote = survey_services.vote_create(space=space, actor=owner, title="Choose the courtyard's concept")
    shade = survey_services.concept_add(
        vote=vote, actor=owner, title="The shady grove", description="Six trees and a long bench."
    )
    play = survey_services.concept_add(
        vote=vote, actor=owner, title="The play yard", description="Sand, swings and a table."
    )
    survey_services.vote_open(vote=vote, actor=owner)
    return initiative, category, survey, (single, scale, text), vote, (shade, play)


def test_a_resident_marks_answers_votes_and_joins_the_project_group(page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    initiative, category, survey, (single, scale, text), vote, (shade, play) = build_initiative()
    resident = consent(verified_user(email="rolf@example.org", name="Rolf Resident"))
    mail.outbox.clear()

    sign_in(page, resident.email)
    page.goto(initiative.get_absolute_url())

    # 1. A mark inside the initiative's boundary, by longitude and latitude.
    page.locator(".marks-panel").get_by_role("link", name="Place your mark").click()
    expect(page).to_have_url(re.compile(rf"/oslo/marks/i-{initiative.slug}/$"))
    page.select_option("#id_category", str(category.pk))
    page.fill("#id_lon", "10.76")
    page.fill("#id_lat", "59.925")
    page.fill("#id_comment", "The sun burns here all afternoon: plant trees by the wall.")
    page.locator("#marks-form").get_by_role("button", name="Place your mark").click()
    success(page, "Your mark is on the map.")
    mark = MapMark.objects.get(initiative=initiative)
    assert (mark.author, mark.category, mark.kind) == (resident, category, "point")
    assert mark.geometry == {"type": "Point", "coordinates": [10.76, 59.925]}
    assert not mark.hidden
    item = page.locator(f"#mark-{mark.pk}")
    expect(item).to_contain_text("Needs shade")
    expect(item).to_contain_text("plant trees by the wall")
    expect(item).to_contain_text("Rolf Resident")
    expect(page.locator("#latest-marks .marks-list__item")).to_have_count(1)

    # 2. The survey, from the initiative's page.
    page.goto(initiative.get_absolute_url())
    page.locator(".survey-panel").get_by_role("link", name=re.compile(r"^Answer")).click()
    expect(page).to_have_url(re.compile(rf"/oslo/surveys/{survey.pk}/$"))
    page.check(f"#q{single.pk}-1")  # Benches
    page.check(f"#q{scale.pk}-4")
    page.fill(f"#q{text.pk}", "A water post, please.")
    page.get_by_role("button", name="Send my answers").click()
    success(page, "Your answers are saved.")
    expect(page.locator(".page-alert")).to_contain_text("You have answered this survey.")
    responses = Response.objects.filter(survey=survey)
    assert responses.count() == 1
    response = responses.get()
    assert response.respondent == resident
    answers = {a.question_id: a for a in Answer.objects.filter(response=response)}
    assert answers[single.pk].choices == [1]
    assert answers[scale.pk].number == 4
    assert answers[text.pk].text == "A water post, please."

    # 3. The concept vote. A second tab opens the vote too, to try voting again later.
    page.goto(initiative.get_absolute_url())
    page.locator(".survey-panel").get_by_role("link", name=re.compile(r"^Vote")).click()
    expect(page).to_have_url(re.compile(rf"/oslo/surveys/votes/{vote.pk}/$"))
    second_tab = page.context.new_page()
    second_tab.goto(f"/oslo/surveys/votes/{vote.pk}/")
    expect(second_tab.get_by_role("button", name="Cast my vote")).to_be_visible()

    page.check(f"#concept-{shade.pk}")
    page.get_by_label("I want to join the project group").check()
    page.get_by_role("button", name="Cast my vote").click()
    success(page, "Thank you for voting!")
    expect(page.locator(".messages")).to_contain_text("Confirm there to join the project group.")
    expect(page.locator(".page-alert")).to_contain_text("You voted for The shady grove.")
    expect(page.get_by_role("button", name="Cast my vote")).to_have_count(0)
    ballot = Ballot.objects.get(vote=vote)
    assert (ballot.voter, ballot.concept, ballot.wants_to_join) == (resident, shade, True)
    assert ballot.join_confirmed_at is None
    assert not TeamMember.objects.filter(initiative=initiative, user=resident).exists()

    # Voting again (from the tab opened before) is refused, and the count stays one.
    second_tab.check(f"#concept-{play.pk}")
    second_tab.get_by_role("button", name="Cast my vote").click()
    expect(second_tab.locator(".ds-error-summary")).to_contain_text("You have already voted.")
    expect(second_tab.locator(".page-alert")).to_contain_text("You voted for The shady grove.")
    assert Ballot.objects.filter(vote=vote).count() == 1
    assert Ballot.objects.get(vote=vote).concept == shade
    second_tab.close()

    # 4. The confirmation link: by e-mail and in the app.
    to_resident = [m for m in mail.outbox if resident.email in m.to]
    assert len(to_resident) == 1
    assert TITLE in to_resident[0].subject
    path = re.search(rf"/oslo/surveys/votes/{vote.pk}/join/", to_resident[0].body)
    assert path is not None, to_resident[0].body
    assert Notification.objects.filter(recipient=resident, title__contains=TITLE).count() == 1

    page.goto(path.group(0))
    expect(page.get_by_role("heading", level=1)).to_have_text("Join the project group")
    page.get_by_role("button", name="Yes, I join the project group").click()
    success(page, "Welcome to the project group!")
    expect(page).to_have_url(re.compile(rf"{re.escape(initiative.get_absolute_url())}$"))

    # 5. The resident is in the team, and the initiative's page shows them there.
    member = TeamMember.objects.get(initiative=initiative, user=resident)
    assert member.role == TeamMember.Role.MEMBER
    ballot.refresh_from_db()
    assert ballot.join_confirmed_at is not None
    team = page.get_by_role("region", name="Team")
    expect(team.locator(".person__name", has_text="Rolf Resident")).to_have_count(1)
    expect(team).to_contain_text("Member")
    expect(team).not_to_contain_text("Olav Owner")  # the owner has not made their profile public

    # Confirming again changes nothing.
    page.goto(path.group(0))
    expect(page.locator("main")).to_contain_text("You are in the project group of")
    assert TeamMember.objects.filter(initiative=initiative, user=resident).count() == 1
