"""What goals adds to a hub's front page: the hub's own goals, below its partners."""

from typing import Any

from apps.goals import selectors

SHOWN = 4


def hub_goals(*, hub: Any, **kwargs: Any) -> dict[str, Any] | None:
    goals = list(selectors.hub_goals(hub=hub)[: SHOWN + 1])
    if not goals:
        return None
    return {"goals": goals[:SHOWN], "more": len(goals) > SHOWN}
