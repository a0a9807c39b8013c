"""The scope inside the full-text index (migration 0003): a document's hub, kind and visibility
are tokens beside its words, kept current by the database's triggers, and out of reach of what a
person types. And the word being typed: a prefix, through the prefix index (FTS5's, or the
`prefixes` tsvector on PostgreSQL) when it is three to six letters long, by a range otherwise."""

import pytest
from django.utils import timezone

from apps.search import selectors
from apps.search.models import SearchDocument

pytestmark = pytest.mark.django_db


def document(hub, title, *, kind="idea", object_id=1, public=True, owner=None):
    return SearchDocument.objects.create(
        hub=hub,
        kind=kind,
        object_id=object_id,
        language="nb",
        title=title,
        body="Et forslag fra nabolaget.",
        url=f"/{hub.slug}/{kind}/{object_id}/",
        public=public,
        owner=owner,
        updated=timezone.now(),
    )


def titles(q, **kwargs):
    return sorted(
        str(hit.title).replace("<mark>", "").replace("</mark>", "")
        for hit in selectors.search(q=q, **kwargs)[0:20]
    )


@pytest.mark.parametrize(
    "q",
    ["sy", "syk", "sykk", "sykkel", "sykkelv", "sykkelverksted", "torget sykk", "Torget SYKKELVERK"],
)
def test_the_word_being_typed_finds_what_it_starts(oslo, q):
    document(oslo, "Sykkelverksted på torget")
    document(oslo, "Benker ved elva", object_id=2)
    assert titles(q, hub=oslo) == ["Sykkelverksted på torget"]


def test_only_the_last_word_is_a_prefix(oslo):
    document(oslo, "Sykkelverksted på torget")
    assert titles("sykk torget", hub=oslo) == []
    assert titles("torget sykk", hub=oslo) == ["Sykkelverksted på torget"]


def test_a_document_moved_to_another_hub_is_found_there_only(oslo, sodertorn):
    doc = document(oslo, "Parkbenk")
    SearchDocument.objects.filter(pk=doc.pk).update(hub=sodertorn)
    assert titles("parkbenk", hub=oslo) == []
    assert titles("parkbenk", hub=sodertorn) == ["Parkbenk"]


def test_a_change_of_kind_moves_it_between_the_kind_filters(oslo):
    doc = document(oslo, "Parkbenk")
    assert titles("parkbenk", hub=oslo, kinds=["idea"]) == ["Parkbenk"]
    SearchDocument.objects.filter(pk=doc.pk).update(kind="event")
    assert titles("parkbenk", hub=oslo, kinds=["idea"]) == []
    assert titles("parkbenk", hub=oslo, kinds=["event", "goal"]) == ["Parkbenk"]
    assert titles("parkbenk", kinds=["event"]) == ["Parkbenk"]


def test_made_private_it_is_hidden_at_once_but_not_from_its_owner(oslo, mia, vic):
    doc = document(oslo, "Parkbenk", owner=mia)
    SearchDocument.objects.filter(pk=doc.pk).update(public=False)
    assert titles("parkbenk", user=vic) == []
    assert titles("parkbenk", user=mia) == ["Parkbenk"]
    SearchDocument.objects.filter(pk=doc.pk).update(owner=None)
    assert titles("parkbenk", user=mia) == []


def test_the_scope_tokens_cannot_be_typed(oslo, vic):
    """A query made of what the scope tokens look like finds nothing: the words a person types
    are looked for in the title and the text only."""
    document(oslo, "Parkbenk", public=False)
    document(oslo, "Benk", object_id=2)
    for q in [f"h{oslo.pk}", "priv", "#priv", "kidea", f"h{oslo.pk}kidea", "#pbenk", "pub"]:
        assert titles(q) == [], q
        assert titles(q, user=vic, hub=oslo) == [], q
