"""What events adds to a hub's front page: the next few events, with places left."""

from typing import Any

from apps.events import selectors

SOON = 3


def soon(*, hub: Any, **kwargs: Any) -> dict[str, Any] | None:
    items = list(selectors.events(hub=hub)[:SOON])
    if not items:
        return None
    for event in items:
        confirmed: int = getattr(event, "confirmed_count", 0)  # annotated by selectors.events
        event.places_left = (  # type: ignore[attr-defined]
            max(event.capacity - confirmed, 0) if event.capacity else None
        )
    return {"events": items}
