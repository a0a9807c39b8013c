"""Keyset ("seek") pagination: the next page starts after the last row shown, found through the
sort order's own columns, so a deep page costs what the first one does. A deep OFFSET makes the
database sort and skip every earlier row.

A position in a list is an opaque **cursor**: the sort values of one row, signed with
`django.core.signing` (salted per list), so a client cannot forge a position or smuggle a value
into the query. A cursor that was tampered with, cut short or made for another list is refused
with `BadCursor` (the API answers 400, a page 404).

The order of a queryset is read from its own `order_by(...)` (plain field paths and annotations,
each optionally with "-"); the primary key is added last when missing, so equal values never
hide a row.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core import signing
from django.db.models import Q, QuerySet

SALT = "allmenning.keyset"
NEXT, PREVIOUS = "n", "p"


class BadCursor(ValueError):
    """The cursor is not one this list handed out (tampered, truncated, or another list's)."""


def ordering_of(queryset: QuerySet) -> list[str]:  # type: ignore[type-arg]
    """The queryset's order as field paths ("-created_at", "title", …), ending with the pk."""
    terms = list(queryset.query.order_by) or list(queryset.model._meta.ordering or [])
    out: list[str] = []
    for term in terms:
        if not isinstance(term, str) or term == "?":
            raise ValueError(f"Keyset pagination needs plain field names to order by, not {term!r}.")
        out.append(term)
    names = {t.lstrip("-") for t in out}
    if not names & {"pk", "id", queryset.model._meta.pk.name}:
        out.append("-pk" if out and out[-1].startswith("-") else "pk")
    return out


def _value_of(obj: Any, path: str) -> Any:
    value = obj
    for part in path.split("__"):
        value = getattr(value, "pk" if part == "pk" else part)
    return value


def _encode_value(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return {"dt": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"d": value.isoformat()}
    if isinstance(value, Decimal):
        return {"dec": str(value)}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if hasattr(value, "pk"):
        return value.pk
    raise ValueError(f"Cannot put a {type(value).__name__} in a cursor.")


def _decode_value(value: Any) -> Any:
    if isinstance(value, dict) and len(value) == 1:
        ((kind, text),) = value.items()
        if not isinstance(text, str):
            raise BadCursor("bad value")
        try:
            if kind == "dt":
                return datetime.datetime.fromisoformat(text)
            if kind == "d":
                return datetime.date.fromisoformat(text)
            if kind == "dec":
                return Decimal(text)
        except (ValueError, ArithmeticError) as exc:
            raise BadCursor("bad value") from exc
        raise BadCursor("bad value")
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise BadCursor("bad value")


def make_cursor(obj: Any, ordering: Sequence[str], direction: str, scope: str) -> str:
    """A signed cursor for the position just after (NEXT) or before (PREVIOUS) `obj`."""
    values = [_encode_value(_value_of(obj, term.lstrip("-"))) for term in ordering]
    payload = {"o": list(ordering), "v": values, "d": direction}
    return signing.dumps(payload, salt=f"{SALT}:{scope}", compress=True)


def read_cursor(cursor: str, ordering: Sequence[str], scope: str) -> tuple[str, list[Any]]:
    """(direction, values) of a cursor made for this list and order, else `BadCursor`."""
    if not cursor or len(cursor) > 2000:
        raise BadCursor("empty or too long")
    try:
        data = signing.loads(cursor, salt=f"{SALT}:{scope}")
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise BadCursor("not signed by us") from exc
    if not isinstance(data, dict) or data.get("o") != list(ordering) or data.get("d") not in (NEXT, PREVIOUS):
        raise BadCursor("made for another list or order")
    values = data.get("v")
    if not isinstance(values, list) or len(values) != len(ordering):
        raise BadCursor("wrong number of values")
    return data["d"], [_decode_value(v) for v in values]


def _after(ordering: Sequence[str], values: Sequence[Any], forward: bool) -> Q:
    """Rows strictly after (forward) or before the position `values` in `ordering`."""
    condition = Q()
    equal = Q()
    for term, value in zip(ordering, values, strict=True):
        name = term.lstrip("-")
        descending = term.startswith("-")
        lookup = "lt" if descending == forward else "gt"
        if value is None:
            # NULLs sort last ascending (PostgreSQL), first on SQLite: keep it simple and only
            # compare non-null positions; a NULL value makes this column a tie.
            equal &= Q(**{f"{name}__isnull": True})
            continue
        condition |= equal & Q(**{f"{name}__{lookup}": value})
        equal &= Q(**{name: value})
    return condition


@dataclass
class KeysetPage:
    """One page of a keyset-paginated list (the page and API share it)."""

    object_list: list[Any]
    next_cursor: str | None = None
    previous_cursor: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def has_next(self) -> bool:
        return self.next_cursor is not None

    @property
    def has_previous(self) -> bool:
        return self.previous_cursor is not None

    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)


def keyset_page(queryset: QuerySet, *, cursor: str | None, limit: int, scope: str) -> KeysetPage:  # type: ignore[type-arg]
    """`limit` rows from the position of `cursor` (the start when None), one query of
    `limit + 1` rows, with cursors for the pages on either side."""
    ordering = ordering_of(queryset)
    queryset = queryset.order_by(*ordering)
    direction, values = (NEXT, None) if not cursor else read_cursor(cursor, ordering, scope)
    forward = direction == NEXT
    if values is not None:
        queryset = queryset.filter(_after(ordering, values, forward))
    if not forward:
        queryset = queryset.reverse()
    rows = list(queryset[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    if not forward:
        rows.reverse()
    page = KeysetPage(object_list=rows)
    if not rows:
        return page
    at_start = values is None if forward else not more
    at_end = not more if forward else False
    if not at_end:
        page.next_cursor = make_cursor(rows[-1], ordering, NEXT, scope)
    if not at_start:
        page.previous_cursor = make_cursor(rows[0], ordering, PREVIOUS, scope)
    return page
