"""A run shows in the reader's language where its template has that language (issue 12, X2)."""

import pytest
from django.utils import translation

from apps.processes.models import ProcessRun

pytestmark = pytest.mark.django_db


def test_a_run_keeps_the_templates_texts_in_every_language(run):
    first = run.phases.get(position=0)
    assert first.name == "Prosjektgruppe etablert"  # the copy, in Oslo's first language
    assert first.texts["name"] == {
        "en": "Project group set up",
        "nb": "Prosjektgruppe etablert",
        "sv": "Projektgrupp bildad",
    }
    assert set(run.texts["title"]) == {"en", "nb", "sv"}


@pytest.mark.parametrize(
    ("language", "phase", "title"),
    [
        ("sv", "Projektgrupp bildad", "Platsskapande 6 + 6: Green Courtyard"),
        ("en", "Project group set up", "Placemaking 6 + 6: Green Courtyard"),
        ("nb", "Prosjektgruppe etablert", "Stedskaping 6 + 6: Green Courtyard"),
    ],
)
def test_the_reader_sees_the_run_in_their_language(run, language, phase, title):
    run = ProcessRun.objects.get(pk=run.pk)
    first = run.phases.get(position=0)
    activity = first.activities.get(position=0)
    deliverable = first.deliverables.get(key="group-list")
    with translation.override(language):
        assert (first.shown_name, run.shown_title) == (phase, title)
        assert deliverable.shown_name == {
            "sv": "Projektgrupp med roller",
            "en": "Project group with roles",
        }.get(language, "Prosjektgruppe med roller")
        # The template has no Swedish for this activity: the run's own copy (Norwegian) shows.
        expected = {"en": "Invite neighbours, local organisations and the landowner to a first meeting"}
        assert activity.shown_text == expected.get(language, activity.text)


def test_a_run_without_translations_shows_its_copy(run):
    first = run.phases.get(position=0)
    type(first).objects.filter(pk=first.pk).update(texts={})
    first.refresh_from_db()
    with translation.override("sv"):
        assert first.shown_name == first.name == "Prosjektgruppe etablert"
        assert first.shown_helpful_templates == first.helpful_templates


def test_the_run_page_in_swedish(client, run, stella):
    client.force_login(stella)
    page = client.get(f"/oslo/processes/runs/{run.pk}/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Platsskapande 6 + 6: Green Courtyard" in page
    assert "Projektgrupp bildad" in page and "Prosjektgruppe etablert" not in page
    assert "Projektgrupp med roller" in page
