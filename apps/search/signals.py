"""Signal receivers that keep the search documents current (connected in SearchConfig.ready).

A save of an indexed object re-indexes it; a delete removes its documents; a save or delete of
a dependent (a profile, a user) re-indexes the objects it touches. Saves from fixtures (`raw`)
and a user's log-in (only `last_login` changes) are left alone.
"""

from typing import Any

from django.db.models.signals import post_delete, post_save

from apps.search import services
from apps.search.indexers import INDEXERS, Indexer

_IGNORED_UPDATES = {frozenset({"last_login"})}


def _on_save(indexer: Indexer):  # type: ignore[no-untyped-def]
    def receiver(
        sender: Any, instance: Any, raw: bool = False, update_fields: Any = None, **kwargs: Any
    ) -> None:
        if raw:
            return
        services.index_object(indexer, instance)

    return receiver


def _on_delete(indexer: Indexer):  # type: ignore[no-untyped-def]
    def receiver(sender: Any, instance: Any, **kwargs: Any) -> None:
        services.remove_object(indexer, instance)

    return receiver


def _on_dependent(indexer: Indexer, touched: Any):  # type: ignore[no-untyped-def]
    def receiver(
        sender: Any, instance: Any, raw: bool = False, update_fields: Any = None, **kwargs: Any
    ) -> None:
        if raw or (update_fields is not None and frozenset(update_fields) in _IGNORED_UPDATES):
            return
        for obj in touched(instance):
            services.index_object(indexer, obj)

    return receiver


def connect() -> None:
    for indexer in INDEXERS:
        uid = f"search:{indexer.kind}"
        post_save.connect(_on_save(indexer), sender=indexer.model, weak=False, dispatch_uid=uid)
        post_delete.connect(_on_delete(indexer), sender=indexer.model, weak=False, dispatch_uid=uid)
        for model, touched in indexer.dependents.items():
            uid = f"search:{indexer.kind}:{model._meta.label}"
            receiver = _on_dependent(indexer, touched)
            post_save.connect(receiver, sender=model, weak=False, dispatch_uid=uid)
            post_delete.connect(receiver, sender=model, weak=False, dispatch_uid=uid)
