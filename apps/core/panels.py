"""Places on a page that other apps fill: a lower app owns the place, higher apps add panels.

An app that shows a page (a person's page, an organisation, an area, the decision brief) declares
a `Panels` registry for it; an app above it adds its part in `AppConfig.ready()`. The lower app
never imports the higher one, so the app graph keeps pointing down:

    # apps/accounts/panels.py (the owner)
    ME_PAGE = Panels("accounts.me")

    # apps/hubs/apps.py, in ready() (a higher app)
    ME_PAGE.register(Panel(key="hubs", template="hubs/panels/me.html", context=_my_hubs, order=10))

Each panel's `context(**kwargs)` gets what the page passes to `Panels.render_list(...)` and returns
the template's context (available there as `ctx`), or None to leave the panel out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise


def no_context(**kwargs: Any) -> dict[str, Any]:
    """A panel that is always shown and needs nothing beyond the page's own arguments."""
    return {}


@dataclass(frozen=True)
class Panel:
    key: str
    template: str
    context: Callable[..., dict[str, Any] | None] = no_context
    title: str | Promise = ""
    order: int = 100
    extra: dict[str, Any] = field(default_factory=dict)


class Panels:
    """The panels registered for one place on one page, shown by `order`, then registration."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._panels: dict[str, Panel] = {}

    def __repr__(self) -> str:
        return f"Panels({self.name!r}, {list(self._panels)})"

    def register(self, panel: Panel) -> Panel:
        """Add (or replace, by key) a panel."""
        self._panels[panel.key] = panel
        return panel

    def unregister(self, key: str) -> None:
        self._panels.pop(key, None)

    def registered(self) -> list[Panel]:
        return sorted(self._panels.values(), key=lambda p: p.order)

    def render_list(self, **kwargs: Any) -> list[dict[str, Any]]:
        """Each panel with something to show, as {"panel": …, "context": …}; the context also
        carries the page's own arguments and the panel itself."""
        out = []
        for panel in self.registered():
            context = panel.context(**kwargs)
            if context is not None:
                out.append({"panel": panel, "context": {**kwargs, **context, "panel": panel}})
        return out
