"""The input summary: categories, top ideas, themes by clustering (deterministic), the cache,
and the decision brief's "What residents said"."""

import pytest
from django.core.cache import cache

from apps.knowledge.brief import registered_sections, sections_for
from apps.participation import services, summary
from apps.participation.models import Idea
from tests.factories import UserFactory
from tests.participation.conftest import make_comment, make_idea

pytestmark = pytest.mark.django_db

CORPUS = [
    (
        "Flere trær i parken",
        "Vi trenger flere trær og blomster i parken, grønt og skygge om sommeren.",
        "green",
    ),
    ("Grønne tak og trær", "Plant trær langs gata og lag grønne tak med blomster.", "green"),
    ("Blomster i parken", "Blomster og trær gjør parken grønnere for alle.", "green"),
    ("Sykkelvei til skolen", "Trygg sykkelvei langs gata til skolen, med sykkelparkering.", "mobility"),
    ("Sykkelparkering ved t-banen", "Mer sykkelparkering og bedre sykkelvei ved stasjonen.", "mobility"),
    ("Sykkelvei gjennom parken", "Egen sykkelvei slik at sykkel og gående ikke krasjer.", "mobility"),
    ("Benker og lys", "Benker å sitte på og bedre lys om kvelden ved lekeplassen.", "meeting"),
    ("Lys på lekeplassen", "Lekeplassen trenger lys og benker for foreldre om kvelden.", "youth"),
]


@pytest.fixture
def corpus(space, mia):
    ideas = [make_idea(space, mia, title=t, body=b, category=c) for t, b, c in CORPUS]
    make_comment(ideas[3], mia, "Ja, sykkelvei nå!")
    return ideas


def test_too_few_ideas_gives_a_note(space, mia):
    for n in range(5):
        make_idea(space, mia, title=f"Idea {n}")
    data = summary.summary(space)
    assert data["themes"] == [] and "at least 6" in str(data["note"])


def test_themes_on_the_fixture_corpus(space, corpus):
    themes = summary.summary(space)["themes"]
    assert [(t.label, t.central.title, sorted(i.title for i in t.ideas)) for t in themes] == [
        (
            "trær, parken, blomster",
            "Flere trær i parken",
            ["Blomster i parken", "Flere trær i parken", "Grønne tak og trær"],
        ),
        (
            "sykkelvei, sykkelparkering, skolen",
            "Sykkelvei til skolen",
            ["Sykkelparkering ved t-banen", "Sykkelvei gjennom parken", "Sykkelvei til skolen"],
        ),
        ("lys, lekeplassen, benker", "Benker og lys", ["Benker og lys", "Lys på lekeplassen"]),
    ]


def test_themes_are_found_and_deterministic(space, corpus):
    first = summary.summary(space)
    cache.clear()
    second = summary.summary(space)
    labels = [t.label for t in first["themes"]]
    assert labels == [t.label for t in second["themes"]]
    assert [[i.pk for i in t.ideas] for t in first["themes"]] == [
        [i.pk for i in t.ideas] for t in second["themes"]
    ]
    assert 2 <= len(labels) <= 6
    by_central = {t.central.title: {i.title for i in t.ideas} for t in first["themes"]}
    # The cycling ideas share a theme labelled by cycling words, apart from the green ones.
    cycling = next(t for t in first["themes"] if any("sykkel" in term for term in t.terms))
    assert {i.title for i in cycling.ideas} >= {"Sykkelvei til skolen", "Sykkelparkering ved t-banen"}
    assert "Flere trær i parken" not in {i.title for i in cycling.ideas}
    assert cycling.central in cycling.ideas
    assert sum(len(v) for v in by_central.values()) == len(CORPUS)
    # Stop words never label a theme.
    assert not any(term in summary.STOP_WORDS for t in first["themes"] for term in t.terms)


def test_counts_categories_and_top(space, corpus, vic, bob):
    services.support_add(idea=corpus[5], user=vic)
    services.support_add(idea=corpus[5], user=bob)
    services.support_add(idea=corpus[0], user=vic)
    data = summary.summary(space)
    assert data["counts"] == {"ideas": 8, "comments": 1, "supports": 3, "authors": 1}
    assert [i.pk for i in data["top"][:2]] == [corpus[5].pk, corpus[0].pk]
    assert data["categories"][0]["category"] in {"green", "mobility"} and data["categories"][0]["count"] == 3


def test_hidden_ideas_are_left_out(space, corpus, stella):
    services.idea_hide(idea=corpus[0], actor=stella, reason="Duplicate")
    data = summary.summary(space)
    assert data["counts"]["ideas"] == 7
    assert corpus[0].pk not in {i.pk for t in data["themes"] for i in t.ideas}


def test_clustering_is_cached_until_new_input(space, corpus, mia, monkeypatch):
    summary.summary(space)
    calls = []
    real = summary.cluster
    monkeypatch.setattr(summary, "cluster", lambda texts, **kw: calls.append(1) or real(texts, **kw))
    summary.summary(space)
    assert calls == []
    make_comment(corpus[0], mia, "Enda flere trær")
    summary.summary(space)
    assert calls == [1]


def test_area_summary_includes_initiatives_in_the_area(oslo, area, area_space, space, initiative, mia):
    initiative.area = area
    initiative.save()
    make_idea(area_space, mia, title="In the area")
    make_idea(space, mia, title="In an initiative in the area")
    data = summary.summary(area_space)
    assert data["counts"]["ideas"] == 2


def test_brief_section_registered_and_shown(client, oslo, area, area_space, mia):
    assert "residents" in {s.key for s in registered_sections()}
    assert "residents" not in {s["panel"].key for s in sections_for(area)}  # nothing said yet
    make_idea(area_space, mia, title="Trær langs gata")
    assert "residents" in {s["panel"].key for s in sections_for(area)}
    response = client.get(f"/oslo/areas/{area.code}/brief/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "What residents said" in html and "Trær langs gata" in html


def test_summary_page_and_map_marks(client, space, corpus):
    response = client.get("/oslo/ideas/i-gronn-gardsplass/summary/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Themes" in html and "Typical idea" in html


def test_stop_words_cover_three_languages():
    assert {"og", "och", "the", "ikke", "inte"} <= summary.STOP_WORDS


def test_many_people_texts(space):
    people = [UserFactory() for _ in range(3)]
    for n, person in enumerate(people * 2):
        make_idea(space, person, title=f"Idé {n}", body="lys lys benker")
    assert summary.summary(space)["counts"]["authors"] == 3
    assert Idea.objects.count() == 6
