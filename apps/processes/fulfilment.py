"""Deliverables fulfilled by the real thing (H2): a registry of *fulfillers* per deliverable key.

A deliverable such as "the hub's area" or "signed cooperation agreement" is done when the
object exists in the hub (an area drawn, an agreement signed by every party), not when someone
ticks a box or uploads any file. The app that knows the object registers a fulfiller for the
deliverable's key in its `AppConfig.ready()`, the way panels are registered, so processes stays
below the apps that own the objects:

    # apps/establishment/apps.py (a higher app)
    fulfilment.register("hub-area", area_fulfiller)

A fulfiller gets the run and returns a `Fulfilment` (done or not, in words, with links), or None
when it has nothing to say for that run (e.g. an initiative's run): then the deliverable is an
ordinary one again (ticked, uploaded or linked by hand). Where a fulfiller answers, the gate
(`services.phase_close`) and the timeline use its answer, and `services.deliverable_complete`
accepts the deliverable only when the object says it is done.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Fulfilment:
    done: bool
    summary: str  # the state in words, e.g. "3 approved partnerships"
    url: str = ""  # where the real thing is seen
    action_url: str = ""  # where to do it
    action_label: str = ""


Fulfiller = Callable[[Any], "Fulfilment | None"]
_FULFILLERS: dict[str, Fulfiller] = {}


def register(key: str, fulfiller: Fulfiller) -> Fulfiller:
    """Let `fulfiller(run)` answer for every deliverable with this key (replaces an earlier one)."""
    _FULFILLERS[key] = fulfiller
    return fulfiller


def unregister(key: str) -> None:
    _FULFILLERS.pop(key, None)


def registered() -> list[str]:
    return sorted(_FULFILLERS)


def fulfilment_of(run: Any, deliverable: Any) -> Fulfilment | None:
    """What the real thing says about `deliverable` of `run`, or None when nothing answers."""
    fulfiller = _FULFILLERS.get(deliverable.key or "")
    if fulfiller is None:
        return None
    return fulfiller(run)


def fulfilments(run: Any, deliverables: Iterable[Any]) -> dict[int, Fulfilment]:
    """Fulfilments of `deliverables` by pk; each fulfiller is asked once per run."""
    by_key: dict[str, Fulfilment | None] = {}
    out: dict[int, Fulfilment] = {}
    for deliverable in deliverables:
        key = deliverable.key or ""
        if key not in _FULFILLERS:
            continue
        if key not in by_key:
            by_key[key] = _FULFILLERS[key](run)
        answer = by_key[key]
        if answer is not None:
            out[deliverable.pk] = answer
    return out


def is_done(deliverable: Any, found: dict[int, Fulfilment]) -> bool:
    """Done by its object when a fulfiller answered, else by its own mark."""
    answer = found.get(deliverable.pk)
    return answer.done if answer is not None else bool(deliverable.done)
