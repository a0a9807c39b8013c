"""Writes of search: keep the documents current (one object at a time, from the signal
receivers) and rebuild them in bulk (`manage.py rebuild_search_index`).

Indexing runs inside the transaction of the change it follows, so an edit is found at once and
a rolled-back change leaves no document behind. Writing a document is an upsert on its unique
(kind, object id, hub): two saves of one thing at once cannot make two documents. The full-text
index follows the documents by database triggers (migration 0001).
"""

from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction
from django.db.models import Q

from apps.hubs.models import Hub
from apps.search.indexers import BY_KIND, INDEXERS, Doc, Indexer
from apps.search.models import SearchDocument

BATCH = 1000
_FIELDS = ["language", "title", "body", "url", "public", "owner_id", "updated"]


def _model(doc: Doc) -> SearchDocument:
    return SearchDocument(
        hub_id=doc.hub_id,
        kind=doc.kind,
        object_id=doc.object_id,
        language=doc.language,
        title=doc.title[:300],
        body=doc.body,
        url=doc.url[:300],
        public=doc.public,
        owner_id=doc.owner_id,
        updated=doc.updated,
    )


def _upsert(docs: list[Doc]) -> None:
    if docs:
        SearchDocument.objects.bulk_create(
            [_model(d) for d in docs],
            update_conflicts=True,
            unique_fields=["kind", "object_id", "hub"],
            update_fields=_FIELDS,
        )


def _keys_q(kind: str, keys: Iterable[tuple[int, int]]) -> Q:
    q = Q(pk__in=[])
    for hub_id, object_id in keys:
        q |= Q(hub_id=hub_id, object_id=object_id)
    return Q(kind=kind) & q


def index_object(indexer: Indexer, obj: Any) -> None:
    """Make the documents of one object what it is now in the database.

    The object is read again with its row locked (PostgreSQL), so two saves at once cannot leave
    the older text indexed: whichever indexing runs last reads the last committed row."""
    with transaction.atomic():
        keys = set(indexer.keys(obj))
        current = indexer.queryset().filter(pk=obj.pk)
        if connection.features.has_select_for_update_of:
            current = current.select_for_update(of=("self",))
        fresh = current.first()
        docs = indexer.documents(fresh) if fresh is not None else []
        gone = keys - {(d.hub_id, d.object_id) for d in docs}
        if gone:
            SearchDocument.objects.filter(_keys_q(indexer.kind, gone)).delete()
        _upsert(docs)


def remove_object(indexer: Indexer, obj: Any) -> None:
    keys = indexer.keys(obj)
    if keys:
        SearchDocument.objects.filter(_keys_q(indexer.kind, keys)).delete()


def rebuild(*, hub: Hub | None = None, kinds: Iterable[str] | None = None) -> int:
    """Make the documents afresh (of one hub, or all), in batches. Returns how many there are."""
    chosen = [BY_KIND[k] for k in kinds] if kinds else INDEXERS
    count = 0
    with transaction.atomic():
        old = SearchDocument.objects.filter(kind__in=[i.kind for i in chosen])
        if hub is not None:
            old = old.filter(hub=hub)
        old._raw_delete(old.db)  # no cascades or signals hang on documents: one DELETE
        for indexer in chosen:
            qs = indexer.queryset()
            if hub is not None:
                qs = qs.filter(**{indexer.hub_field: hub.pk})
            batch: list[Doc] = []
            for obj in qs.iterator(chunk_size=BATCH):
                batch.extend(indexer.documents(obj))
                if len(batch) >= BATCH:
                    SearchDocument.objects.bulk_create([_model(d) for d in batch])
                    count += len(batch)
                    batch = []
            if batch:
                SearchDocument.objects.bulk_create([_model(d) for d in batch])
                count += len(batch)
    return count
