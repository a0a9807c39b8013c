"""Pages of a list for the HTML pages.

`paginate()` is Django's Paginator: fine for short lists. Big lists (members, partners,
initiatives, ideas) use `paginate_keyset()`, which never makes the database skip thousands of
rows nor count a filtered join on every request:

- `?page=N` is served by OFFSET only for the first `MAX_OFFSET_PAGES` pages, and by the reversed
  order for as many pages from the end (the last page costs what the first one does); a page
  number beyond the end (`page=1000000000`) shows the last page; a deep page in the middle
  answers 404 — the "Next" and "Previous" links reach every page.
- "Next" and "Previous" carry a signed keyset cursor (`?cursor=`, apps.core.keyset): the page
  after the last row shown, however deep. A changed or foreign cursor answers 404.
- The total comes from `count` (a callable), e.g. a count cached under the hub's content
  version, instead of COUNT(*) per request.
"""

from collections.abc import Callable
from functools import cached_property
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from apps.core.keyset import NEXT, PREVIOUS, BadCursor, KeysetPage, keyset_page, make_cursor, ordering_of

PAGE_SIZE = 24
MAX_OFFSET_PAGES = 20


def paginate(request: HttpRequest, queryset: QuerySet, per_page: int = PAGE_SIZE) -> Page:  # type: ignore[type-arg]
    """One page of `queryset`; a page number out of range or not a number gives the nearest page."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


class CountedPaginator(Paginator):
    """A Paginator whose total comes from a callable (a cached or kept count), asked once."""

    def __init__(self, object_list: Any, per_page: int, count: Callable[[], int]) -> None:
        super().__init__(object_list, per_page)
        self._count = count

    @cached_property
    def count(self) -> int:  # type: ignore[override]
        return int(self._count())


def _page_number(raw: str | None) -> int:
    try:
        number = int(str(raw or "1")[:20])
    except ValueError:
        return 1
    return max(number, 1)


def paginate_keyset(
    request: HttpRequest,
    queryset: QuerySet,  # type: ignore[type-arg]
    *,
    per_page: int = PAGE_SIZE,
    count: Callable[[], int] | None = None,
) -> Page | KeysetPage:
    """The page the request asks for (see the module docstring). Both kinds of page have
    `object_list`, `paginator.count`, `has_next`/`has_previous` and `next_cursor`."""
    ordering = ordering_of(queryset)
    queryset = queryset.order_by(*ordering)
    paginator = CountedPaginator(queryset, per_page, count or queryset.count)
    scope = request.path
    cursor = request.GET.get("cursor")
    if cursor:
        try:
            kpage = keyset_page(queryset, cursor=cursor, limit=per_page, scope=scope)
        except BadCursor as exc:
            raise Http404(_("This page of the list does not exist (the link was changed).")) from exc
        kpage.paginator = paginator  # type: ignore[attr-defined]
        kpage.number = None  # type: ignore[attr-defined]
        kpage.links = _links([1, paginator.num_pages], paginator.num_pages)  # type: ignore[attr-defined]
        return kpage
    number = _page_number(request.GET.get("page"))
    last = paginator.num_pages
    number = min(number, last)
    if number <= MAX_OFFSET_PAGES:
        rows = list(queryset[(number - 1) * per_page : number * per_page])
    elif last - number < MAX_OFFSET_PAGES:
        # From the end, in the reversed order: the last page skips nothing.
        on_last = paginator.count - (last - 1) * per_page
        start = (last - number - 1) * per_page + on_last if number < last else 0
        rows = list(queryset.reverse()[start : start + (per_page if number < last else on_last)])
        rows.reverse()
    else:
        raise Http404(_("Pages this deep are reached with the Next and Previous links."))
    page = Page(rows, number, paginator)
    page.next_cursor = (  # type: ignore[attr-defined]
        make_cursor(rows[-1], ordering, NEXT, scope)
        if rows and page.has_next() and not _by_number(number + 1, last)
        else None
    )
    page.previous_cursor = (  # type: ignore[attr-defined]
        make_cursor(rows[0], ordering, PREVIOUS, scope)
        if rows and page.has_previous() and not _by_number(number - 1, last)
        else None
    )
    page.links = _links([1, number - 1, number, number + 1, last], last)  # type: ignore[attr-defined]
    return page


def _by_number(number: int, last: int) -> bool:
    """Whether a page number is served (by OFFSET from either end) rather than answering 404."""
    return 1 <= number <= last and (number <= MAX_OFFSET_PAGES or last - number < MAX_OFFSET_PAGES)


def _links(numbers: list[int], last: int) -> list[int | None]:
    """Page numbers to link, in order, with None where pages are left out."""
    out: list[int | None] = []
    for number in sorted({n for n in numbers if _by_number(n, last)}):
        if out and out[-1] is not None and number > out[-1] + 1:
            out.append(None)
        out.append(number)
    return out


class FrozenPage:
    """A page as plain values, safe to keep in a cache: pickling a real Page would pickle (and
    so run) its paginator's whole queryset. The templates read it like a page."""

    def __init__(self, page: Page | KeysetPage) -> None:
        self.object_list = list(page.object_list)
        self.number = getattr(page, "number", None)
        self._has_next = bool(page.has_next() if callable(page.has_next) else page.has_next)
        self._has_previous = bool(page.has_previous() if callable(page.has_previous) else page.has_previous)
        self.next_cursor = getattr(page, "next_cursor", None)
        self.previous_cursor = getattr(page, "previous_cursor", None)
        self.links = getattr(page, "links", None)
        paginator = page.paginator  # type: ignore[union-attr]
        self.paginator = _FrozenPaginator(paginator.count, paginator.num_pages)

    def has_next(self) -> bool:
        return self._has_next

    def has_previous(self) -> bool:
        return self._has_previous

    def has_other_pages(self) -> bool:
        return self._has_next or self._has_previous

    def next_page_number(self) -> int | None:
        return self.number + 1 if self.number else None

    def previous_page_number(self) -> int | None:
        return self.number - 1 if self.number else None

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)


class _FrozenPaginator:
    def __init__(self, count: int, num_pages: int) -> None:
        self.count = count
        self.num_pages = num_pages

    @property
    def page_range(self) -> range:
        return range(1, self.num_pages + 1)
