"""Where an initiative is in its guided process: a registry that initiatives owns.

Initiatives sit below processes in the app graph, yet their list filters by phase and shows each
initiative's current phase. Processes answers those questions and registers the answer here in
`ProcessesConfig.ready()`; initiatives never imports processes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q


@dataclass(frozen=True)
class PhaseSource:
    #: {initiative id: its current phase or None}, in one query for any number of initiatives.
    current: Callable[[Iterable[Any]], dict[int, Any]]
    #: the names of the phases a hub's initiatives are in now, sorted.
    names: Callable[[Any], list[str]]
    #: a condition on Initiative: "is now in the phase called `name`".
    in_phase: Callable[[str], Q]


_source: PhaseSource | None = None


def register(source: PhaseSource) -> None:
    global _source
    _source = source


def source() -> PhaseSource | None:
    """The registered source; None only when no process app is installed."""
    return _source
