"""Pages: answering without JavaScript, errors as 400 with nothing saved, XSS, CSV export,
the concept vote and its join page, rate limits for anonymous answers."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.initiatives.models import TeamMember
from apps.surveys.models import Ballot, Concept, Question, Response, Status, Survey
from tests.factories import UserFactory
from tests.surveys.conftest import add_questions, make_survey, make_vote, png_bytes

pytestmark = pytest.mark.django_db


def form_data(questions, **overrides):
    data = {
        f"q{questions['single'].pk}": "1",
        f"q{questions['multiple'].pk}": ["0", "2"],
        f"q{questions['ranking'].pk}-0": "2",
        f"q{questions['ranking'].pk}-1": "1",
        f"q{questions['ranking'].pk}-2": "3",
        f"q{questions['scale'].pk}": "4",
        f"q{questions['text'].pk}": "More **trees**",
        f"q{questions['point'].pk}-lon": "10.75",
        f"q{questions['point'].pk}-lat": "59.92",
    }
    data.update(overrides)
    return data


def url(survey, suffix=""):
    return f"/oslo/surveys/{survey.pk}/{suffix}"


def test_the_answer_page_has_fieldsets_and_works_without_javascript(client, survey, questions, mia):
    client.force_login(mia)
    page = client.get(url(survey))
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count("<fieldset") == 6 and html.count("<legend") == 6
    assert f'name="q{questions["ranking"].pk}-2"' in html  # ranking as number selects
    assert f'type="radio" class="ds-input" name="q{questions["scale"].pk}"' in html
    assert f'name="q{questions["point"].pk}-lon"' in html
    response = client.post(url(survey), form_data(questions))
    assert response.status_code == 302
    assert Response.objects.filter(survey=survey, respondent=mia).count() == 1
    again = client.get(url(survey))
    assert "You have answered this survey" in again.content.decode()
    second = client.post(url(survey), form_data(questions))
    assert second.status_code == 400
    assert "already answered" in second.content.decode()
    assert Response.objects.count() == 1


def test_invalid_answers_give_400_and_keep_what_was_typed(client, survey, questions, mia):
    client.force_login(mia)
    data = form_data(questions, **{f"q{questions['ranking'].pk}-2": "2"})
    response = client.post(url(survey), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Give each option a different rank from 1 to 3." in html
    assert "More **trees**" in html
    assert not Response.objects.exists()


def test_oversized_text_gives_400_and_nothing_is_saved(client, survey, questions, mia):
    client.force_login(mia)
    response = client.post(url(survey), form_data(questions, **{f"q{questions['text'].pk}": "x" * 6000}))
    assert response.status_code == 400
    assert not Response.objects.exists()


def test_free_text_is_harmless_in_the_results(client, space, stella):
    survey = make_survey(space)
    questions = add_questions(survey)
    user = UserFactory()
    client.force_login(user)
    evil = "<script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=alert(3)>"
    assert (
        client.post(url(survey), form_data(questions, **{f"q{questions['text'].pk}": evil})).status_code
        == 302
    )
    survey.status = Status.CLOSED
    survey.save()
    html = client.get(url(survey, "results/")).content.decode()
    assert "<script>alert(1)" not in html
    assert 'href="javascript' not in html
    assert "onerror" not in html.replace("&lt;img src=x onerror", "")
    assert "&lt;script&gt;" in html


def test_results_are_hidden_until_the_survey_closes(client, survey, questions, mia, stella):
    client.force_login(mia)
    assert client.get(url(survey, "results/")).status_code == 403
    client.force_login(stella)
    assert client.get(url(survey, "results/")).status_code == 200
    survey.status = Status.CLOSED
    survey.save()
    client.logout()
    page = client.get(url(survey, "results/"))
    assert page.status_code == 200
    assert "result-charts" in page.content.decode()
    assert "Download CSV" not in page.content.decode()


def _rows(response):
    text = b"".join(response.streaming_content if response.streaming else [response.content]).decode(
        "utf-8-sig"
    )
    return list(csv.reader(io.StringIO(text)))


def test_csv_export_for_moderators_with_names_and_for_the_team_without(
    client, survey, questions, stella, tom, mia
):
    client.force_login(mia)
    client.post(url(survey), form_data(questions, **{f"q{questions['text'].pk}": "=HYPERLINK(1)"}))
    assert client.get(url(survey, "results.csv").replace("/results.csv/", "/results.csv")).status_code == 403
    export = f"/oslo/surveys/{survey.pk}/results.csv"
    client.force_login(stella)
    response = client.get(export)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = _rows(response)
    assert rows[0][:4] == ["Response", "Answered at", "Respondent", "E-mail"]
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Respondent"] == "Mia Member" and row["E-mail"] == "mia@example.org"
    assert row["1. Which season do you use the yard most?"] == "Summer"
    assert row["2. What should it have?"] == "Benches; Play"
    assert row["3. Rank these"] == "Play > Green > Quiet"
    assert row["4. How safe does it feel?"] == "4"
    assert row["5. Anything else?"] == "'=HYPERLINK(1)"  # no formula in a spreadsheet
    assert row["6. Where do you cross?"] == "10.750000 59.920000"
    client.force_login(tom)
    rows = _rows(client.get(export))
    assert "Respondent" not in rows[0] and "mia@example.org" not in str(rows)
    client.logout()
    assert client.get(export).status_code == 302  # to sign in


def test_csv_export_quotes_formulas_in_options_names_and_e_mail_addresses(client, survey, stella, oslo):
    from tests.factories import MembershipFactory

    question = Question.objects.create(
        survey=survey,
        position=1,
        kind="single",
        text="Pick one",
        options=["=cmd|' /C calc'!A0", "@SUM(1+1)*cmd|"],
    )
    evil = MembershipFactory(
        hub=oslo, user=UserFactory(email="=cmd|'/Ccalc'!A0@evil.example", name="-Eve+1")
    ).user
    for choice in ("0", "1"):
        client.force_login(evil if choice == "0" else stella)
        assert client.post(url(survey), {f"q{question.pk}": choice}).status_code == 302
    client.force_login(stella)
    rows = _rows(client.get(f"/oslo/surveys/{survey.pk}/results.csv"))
    cells = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert {c["1. Pick one"] for c in cells} == {"'=cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|"}
    eve = next(c for c in cells if "evil" in c["E-mail"])
    assert eve["E-mail"] == "'=cmd|'/Ccalc'!A0@evil.example"
    assert eve["Respondent"] == "'-Eve+1"
    assert all(cell[:1] not in "=+-@" or cell == "" for row in rows for cell in row)


def test_anonymous_answers_are_rate_limited(client, space, settings):
    settings.SURVEY_ANON_RATE = "2/h"
    survey = make_survey(space, allow_anonymous=True)
    question = Question.objects.create(survey=survey, kind="scale", text="Hvor fornøyd?")
    for _ in range(2):
        assert client.post(url(survey), {f"q{question.pk}": "3"}).status_code == 302
    assert client.post(url(survey), {f"q{question.pk}": "3"}).status_code == 429
    assert Response.objects.count() == 2


def test_anonymous_visitors_are_sent_to_sign_in_where_needed(client, survey, questions):
    response = client.post(url(survey), {})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Response.objects.exists()


def test_drafts_are_for_organisers_only(client, space, mia, tom):
    survey = make_survey(space, status=Status.DRAFT)
    client.force_login(mia)
    assert client.get(url(survey)).status_code == 403
    assert client.get(url(survey, "edit/")).status_code == 403
    client.force_login(tom)
    assert client.get(url(survey)).status_code == 200
    assert client.get(url(survey, "edit/")).status_code == 200


def test_an_organiser_builds_and_opens_a_survey_with_forms(client, space, olga, sven):
    client.force_login(sven)
    assert client.get("/oslo/surveys/new/i-gronn-gardsplass/").status_code == 403
    client.force_login(olga)
    response = client.post(
        "/oslo/surveys/new/i-gronn-gardsplass/",
        {
            "title": "Trafikk i gata",
            "intro": "",
            "opens_at": "2030-01-02T10:00",
            "closes_at": "2030-01-01T10:00",
        },
    )
    assert response.status_code == 400 and not Survey.objects.exists()
    response = client.post(
        "/oslo/surveys/new/i-gronn-gardsplass/", {"title": "Trafikk i gata", "intro": "Hei"}
    )
    survey = Survey.objects.get()
    assert response.status_code == 302 and survey.initiative.slug == "gronn-gardsplass"
    edit = url(survey, "edit/")
    bad = client.post(
        edit, {"form": "question", "new-kind": "single", "new-text": "Bil?", "new-options": "Ja"}
    )
    assert bad.status_code == 400 and not Question.objects.exists()
    ok = client.post(
        edit,
        {
            "form": "question",
            "new-kind": "single",
            "new-text": "Bil?",
            "new-options": "Ja\nNei",
            "new-required": "on",
            "new-scale_min": "1",
            "new-scale_max": "5",
        },
    )
    assert ok.status_code == 302
    assert Question.objects.get().options == ["Ja", "Nei"]
    assert client.post(url(survey, "status/"), {"action": "open"}).status_code == 302
    survey.refresh_from_db()
    assert survey.status == Status.OPEN


def test_index_lists_published_surveys_and_votes(client, space, mia):
    make_survey(space, title="Open survey")
    make_survey(space, title="Secret draft", status=Status.DRAFT)
    make_vote(space, title="Concept vote")
    page = client.get("/oslo/surveys/").content.decode()
    assert "Open survey" in page and "Concept vote" in page and "Secret draft" not in page


# Concept votes ------------------------------------------------------------------------


def test_voting_on_the_page_and_confirming_to_join(
    client, vote, vic, initiative, mailoutbox, django_capture_on_commit_callbacks
):
    concept = vote.concepts.last()
    client.force_login(vic)
    page = client.get(f"/oslo/surveys/votes/{vote.pk}/").content.decode()
    assert "I want to join the project group" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/oslo/surveys/votes/{vote.pk}/", {"concept": concept.pk, "wants_to_join": "on"}
        )
    assert response.status_code == 302
    assert Ballot.objects.get().concept == concept
    assert not TeamMember.objects.filter(user=vic).exists()
    assert len(mailoutbox) == 1
    join = f"/oslo/surveys/votes/{vote.pk}/join/"
    assert join in mailoutbox[0].body
    assert client.get(join).status_code == 200
    assert client.post(join).status_code == 302
    assert TeamMember.objects.filter(initiative=initiative, user=vic).exists()
    again = client.post(f"/oslo/surveys/votes/{vote.pk}/", {"concept": concept.pk})
    assert again.status_code == 400 and "already voted" in again.content.decode()
    assert Ballot.objects.count() == 1


def test_a_closed_vote_refuses_on_the_page(client, space, mia):
    vote = make_vote(space, status=Status.CLOSED)
    client.force_login(mia)
    response = client.post(f"/oslo/surveys/votes/{vote.pk}/", {"concept": vote.concepts.first().pk})
    assert response.status_code == 400
    assert "This vote has closed" in response.content.decode()
    assert not Ballot.objects.exists()


def test_vote_results_show_counts_and_joins_but_no_names(client, space, vic, mia):
    vote = make_vote(space, status=Status.CLOSED)
    concept = vote.concepts.first()
    Ballot.objects.create(vote=vote, voter=vic, concept=concept, wants_to_join=True)
    Ballot.objects.create(vote=vote, voter=mia, concept=concept)
    html = client.get(f"/oslo/surveys/votes/{vote.pk}/results/").content.decode()
    assert "2 votes" in html and "100.0 %" in html
    assert "Vic Visitor" not in html and "Mia Member" not in html
    assert "0 people joined the project group" in html


def test_a_text_file_named_png_is_refused_on_the_page(client, space, stella, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    vote = make_vote(space, status=Status.DRAFT, concepts=0)
    client.force_login(stella)
    edit = f"/oslo/surveys/votes/{vote.pk}/edit/"
    fake = SimpleUploadedFile("yard.png", b"hello, I am text", content_type="image/png")
    response = client.post(
        edit, {"form": "concept", "new-title": "Yard", "new-image": fake, "new-image_alt": "A yard"}
    )
    assert response.status_code == 400
    assert not Concept.objects.exists()
    good = SimpleUploadedFile("yard.png", png_bytes(), content_type="image/png")
    response = client.post(
        edit, {"form": "concept", "new-title": "Yard", "new-image": good, "new-image_alt": "A green yard"}
    )
    assert response.status_code == 302
    assert Concept.objects.get().image_alt == "A green yard"


def test_the_initiative_panel_lists_open_and_finished_items(rf, space, initiative, mia):
    from django.template.loader import render_to_string

    make_survey(space, title="Open one")
    make_survey(space, title="Old one", status=Status.CLOSED)
    make_vote(space, title="Vote now")
    request = rf.get("/")
    request.user = mia
    html = render_to_string(
        "surveys/includes/initiative_panel.html",
        {"initiative": initiative, "hub": initiative.hub, "user": mia, "request": request},
    )
    assert "Open one" in html and "Vote now" in html and "Old one" in html
    assert ">Answer<" in html and ">Vote<" in html and "Results" in html
    assert "New survey" not in html
