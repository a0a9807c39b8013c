"""One per-request cache for the answers permission checks need again and again.

A permission check may ask the same question many times while one page renders ("is this user a
steward here?", "what is their role in this initiative's team?"). The answers are cached on the
object asked about — the user of this request, or a model instance loaded for it — and live as
long as that object does: one request. Each question has its own namespace, named after the app
and function that owns it (``"hubs.membership"``, ``"initiatives.team_role"``), so two apps can
never read each other's answers as their own.
"""

from typing import Any

from django.utils.functional import LazyObject, empty

ATTRIBUTE = "_allmenning_request_cache"


def _target(holder: Any) -> Any:
    """The real object behind `request.user`'s lazy wrapper."""
    if isinstance(holder, LazyObject):
        if holder._wrapped is empty:
            holder._setup()
        return holder._wrapped
    return holder


def request_cache(holder: Any, namespace: str) -> dict[Any, Any]:
    """The dict that caches `namespace`'s answers on `holder` (created empty on first use)."""
    store: dict[str, dict[Any, Any]] = _target(holder).__dict__.setdefault(ATTRIBUTE, {})
    return store.setdefault(namespace, {})


def forget(holder: Any, namespace: str) -> None:
    """Drop `namespace`'s cached answers on `holder`, after a change that makes them stale."""
    if holder is None:
        return
    store = _target(holder).__dict__.get(ATTRIBUTE)
    if store is not None:
        store.pop(namespace, None)
