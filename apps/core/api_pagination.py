"""The API's list pages: `?limit=&offset=` as before, and `?cursor=` for deep pages.

`CursorOrOffsetPagination` answers `{"items": […], "count": n, "next_cursor": …,
"previous_cursor": …}`. `next_cursor` is an opaque, signed position (apps.core.keyset): pass it
back as `cursor=` for the next page, which costs what the first page costs however deep it is,
while a large `offset` makes the database skip every earlier row. A cursor that was changed or
made for another list answers 400; `cursor` and a non-zero `offset` together answer 400 too.
`limit` is at most NINJA_PAGINATION_MAX_LIMIT (200): a larger one answers 422 with the limit,
never a page of a million rows.

`count` is the list's total. A view may hand over a cheaper one than COUNT(*) over the filtered
join with `counted(queryset, lambda: …)` (for example a count cached under the hub's content
version, apps.hubs.versions).
"""

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.conf import settings
from ninja.errors import HttpError
from ninja.pagination import PaginationBase

from apps.core.keyset import NEXT, PREVIOUS, BadCursor, keyset_page, make_cursor, ordering_of

COUNT_ATTRIBUTE = "_allmenning_count"
BAD_CURSOR = (
    "The cursor is not valid: pass back next_cursor or previous_cursor exactly as a list answered "
    "it, for the same list and sort."
)


def counted(queryset: QuerySet, count: Callable[[], int]) -> QuerySet:  # type: ignore[type-arg]
    """The same queryset, carrying a cheaper way to know its total."""
    setattr(queryset, COUNT_ATTRIBUTE, count)
    return queryset


def total(queryset: QuerySet) -> int:  # type: ignore[type-arg]
    count = getattr(queryset, COUNT_ATTRIBUTE, None)
    return int(count()) if count is not None else queryset.count()


def scope_of(request: HttpRequest) -> str:
    """Which list a cursor belongs to: the operation's path (filters may change between pages)."""
    return request.path


def cursor_page(
    queryset: QuerySet,  # type: ignore[type-arg]
    *,
    request: HttpRequest,
    cursor: str | None,
    offset: int,
    limit: int,
) -> dict[str, Any]:
    """One page by cursor or by offset, with the cursor for the next page either way."""
    if cursor and offset:
        raise HttpError(400, "Use either cursor or offset, not both.")
    count = total(queryset)
    scope = scope_of(request)
    if cursor:
        try:
            page = keyset_page(queryset, cursor=cursor, limit=limit, scope=scope)
        except BadCursor as exc:
            raise HttpError(400, BAD_CURSOR) from exc
        return {
            "items": page.object_list,
            "count": count,
            "next_cursor": page.next_cursor,
            "previous_cursor": page.previous_cursor,
        }
    ordering = ordering_of(queryset)
    items = list(queryset.order_by(*ordering)[offset : offset + limit])
    has_more = offset + len(items) < count
    return {
        "items": items,
        "count": count,
        "next_cursor": make_cursor(items[-1], ordering, NEXT, scope) if items and has_more else None,
        "previous_cursor": make_cursor(items[0], ordering, PREVIOUS, scope) if items and offset else None,
    }


class CursorOrOffsetPagination(PaginationBase):
    class Input(Schema):
        limit: int = Field(settings.PAGINATION_PER_PAGE, ge=1, le=settings.PAGINATION_MAX_LIMIT)
        offset: int = Field(0, ge=0)
        cursor: str | None = Field(None, max_length=2000)

    class CursorPage(Schema):  # named for the API schema (ninja reads `Output`)
        items: list[Any]
        count: int
        next_cursor: str | None = None
        previous_cursor: str | None = None

    Output = CursorPage  # type: ignore[assignment]  # ninja reads Output; the class name names the schema

    def paginate_queryset(  # type: ignore[override]
        self,
        queryset: QuerySet,  # type: ignore[type-arg]
        pagination: Input,
        request: HttpRequest,
        **params: Any,
    ) -> Any:
        return cursor_page(
            queryset,
            request=request,
            cursor=pagination.cursor,
            offset=pagination.offset,
            limit=pagination.limit,
        )
