"""A common word at city scale: the count stops at COUNT_CAP ("more than 1,000"), and only the
RANK_WINDOW newest matches are ranked, so neither grows with the number of matches."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.search import selectors
from apps.search.models import SearchDocument

pytestmark = pytest.mark.django_db


def documents(hub, n, word="hage", start=0):
    now = timezone.now()
    return [
        SearchDocument.objects.create(
            hub=hub,
            kind="idea",
            object_id=start + i,
            language="nb",
            title=f"Forslag {start + i}",
            body=f"En {word} i gården nummer {start + i}.",
            url=f"/{hub.slug}/ideas/{start + i}/",
            updated=now - timedelta(minutes=start + i),
        )
        for i in range(n)
    ]


def test_the_count_stops_at_the_cap(oslo, monkeypatch):
    monkeypatch.setattr(selectors, "COUNT_CAP", 5)
    documents(oslo, 8)
    results = selectors.search(q="hage", hub=oslo)
    assert results.count() == 5 and len(results) == 5
    assert results.more is True
    assert len(results[0:20]) == 8  # the hits themselves are not capped by the count


def test_at_the_cap_exactly_there_is_no_more(oslo, monkeypatch):
    monkeypatch.setattr(selectors, "COUNT_CAP", 5)
    documents(oslo, 5)
    results = selectors.search(q="hage", hub=oslo)
    assert results.count() == 5 and results.more is False


def test_the_page_says_more_than_the_cap(client, oslo, monkeypatch):
    monkeypatch.setattr(selectors, "COUNT_CAP", 5)
    documents(oslo, 7)
    response = client.get("/oslo/search/", {"q": "hage"})
    assert response.status_code == 200
    assert response.context["more"] is True
    assert response.context["page"].paginator.count == 5
    few = client.get("/oslo/search/", {"q": "gården nummer 3"})
    assert few.context["more"] is False


def test_the_api_says_more(client, oslo, monkeypatch):
    monkeypatch.setattr(selectors, "COUNT_CAP", 5)
    documents(oslo, 7)
    data = client.get("/api/v1/search", {"q": "hage", "hub": "oslo", "limit": 3}).json()
    assert data["count"] == 5 and data["more"] is True and len(data["items"]) == 3
    data = client.get("/api/v1/search", {"q": "nummer 3", "hub": "oslo"}).json()
    assert data["more"] is False


def test_only_the_newest_matches_are_ranked(oslo, monkeypatch):
    monkeypatch.setattr(selectors, "RANK_WINDOW", 3)
    old = documents(oslo, 1, word="hage hage hage")[0]  # the best match, but the oldest
    SearchDocument.objects.filter(pk=old.pk).update(title="Hage hage")
    newer = documents(oslo, 4, start=10)
    hits = selectors.search(q="hage", hub=oslo)[0:20]
    assert len(hits) == 3
    assert {h.url for h in hits} == {d.url for d in newer[1:]}


def test_with_fewer_matches_than_the_window_the_best_comes_first(oslo):
    documents(oslo, 4, start=10)
    best = documents(oslo, 1, word="hage hage hage", start=99)[0]
    SearchDocument.objects.filter(pk=best.pk).update(title="Hage hage")
    hits = selectors.search(q="hage", hub=oslo)[0:20]
    assert hits[0].url == best.url and len(hits) == 5


def test_slices_of_the_newest_documents_answer_as_the_whole_index(oslo, sodertorn, monkeypatch):
    """PostgreSQL looks in slices of the newest documents first (PostgresResults.SLICES); with
    slices a few documents wide the answer is the same as without them: the count, whether there
    are more, and which newest matches are ranked. (On SQLite the attribute is not read, and the
    answer is the same too.)"""
    monkeypatch.setattr(selectors, "COUNT_CAP", 5)
    monkeypatch.setattr(selectors, "RANK_WINDOW", 3)
    for i in range(12):
        documents(oslo, 1, word="hage" if i % 3 == 0 else "elv", start=i)  # hage: 4 in Oslo
        documents(sodertorn, 1, word="hage", start=100 + i)  # and 12 in Södertörn
    old = documents(oslo, 1, word="kompostbinge", start=500)  # a rare word, only in the oldest...
    SearchDocument.objects.filter(pk=old[0].pk).update(updated=timezone.now())
    documents(oslo, 30, word="elv", start=600)  # ...behind many newer documents without it

    def answer(**kwargs):
        results = selectors.search(q=kwargs.pop("q", "hage"), **kwargs)
        return results.count(), results.more, sorted(h.url for h in results[0:20])

    cases = [{}, {"hub": oslo}, {"hub": sodertorn}, {"q": "kompostbinge"}, {"q": "kompostbinge", "hub": oslo}]
    whole = [answer(**dict(case)) for case in cases]
    monkeypatch.setattr(selectors.PostgresResults, "SLICES", (4, 10))
    assert [answer(**dict(case)) for case in cases] == whole
    assert whole[0][:2] == (5, True) and len(whole[0][2]) == 3
    assert whole[1][:2] == (4, False) and len(whole[1][2]) == 3
    assert whole[3] == (1, False, [old[0].url])
