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
from typing import Any, Generic, TypeVar

from django.urls import reverse
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


T = TypeVar("T", "Panel", "Link")


class _Registry(Generic[T]):
    def __init__(self, name: str) -> None:
        self.name = name
        self._items: dict[str, T] = {}

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name!r}, {list(self._items)})"

    def register(self, item: T) -> T:
        """Add (or replace, by key) an item."""
        self._items[item.key] = item
        return item

    def unregister(self, key: str) -> None:
        self._items.pop(key, None)

    def registered(self) -> list[T]:
        return sorted(self._items.values(), key=lambda item: item.order)


class Panels(_Registry[Panel]):
    """The panels registered for one place on one page, shown by `order`, then registration."""

    def render_list(self, **kwargs: Any) -> list[dict[str, Any]]:
        """Each panel with something to show, as {"panel": …, "context": …}; the context also
        carries the page's own arguments and the panel itself."""
        out = []
        for panel in self.registered():
            context = panel.context(**kwargs)
            if context is not None:
                out.append({"panel": panel, "context": {**kwargs, **context, "panel": panel}})
        return out


def always(**kwargs: Any) -> bool:
    return True


@dataclass(frozen=True)
class Link:
    """A link a higher app adds to a hub's page: the URL `url_name` of that hub (its slug, then
    `args`); `show(**kwargs)` says whether this visitor sees it (e.g. a permission)."""

    key: str
    label: str | Promise
    url_name: str
    args: tuple[Any, ...] = ()
    show: Callable[..., bool] = always
    order: int = 100
    # How many things wait behind the link (a steward's queue), or None for a plain link.
    count: Callable[..., int] | None = None


class Links(_Registry[Link]):
    """The links registered for one list on one hub's page, by `order`."""

    def render_list(self, *, hub: Any, **kwargs: Any) -> list[dict[str, Any]]:
        return [
            {
                "key": link.key,
                "label": link.label,
                "url": reverse(link.url_name, args=[hub.slug, *link.args]),
                "count": link.count(hub=hub, **kwargs) if link.count else None,
            }
            for link in self.registered()
            if link.show(hub=hub, **kwargs)
        ]
