"""Reads of search: one selector, `search(...)`, with a backend per database vendor.

PostgreSQL: each document's tsvector is made with its language's configuration (norwegian,
swedish, english; simple for any other), so the query is parsed (`websearch_to_tsquery`, or
its words as stemmed prefixes) once per configuration and each document is matched with its
own, GIN-indexed: stemmed, ranked by `ts_rank`
(title weighs more than text), highlighted by `ts_headline`. SQLite: the FTS5 table, the query's
words each quoted as a prefix (nothing a person types can be FTS5 syntax), ranked by `bm25()`,
highlighted by `highlight()`/`snippet()`.

At city scale (bench/search_bench.py: 500,000 documents) the work per query is bounded
whatever the number of matches: the count stops at COUNT_CAP ("more than 1,000"), only the
RANK_WINDOW newest matches are ranked, and only the shown page is highlighted. On SQLite the
FTS5 table has prefix indexes (migration 0002) so a typed prefix reads one index entry.

Highlights are HTML-safe: the database marks matches with private-use characters, the text is
escaped, and only then do the marks become `<mark>`.

Who finds what (columns: SU superuser, St steward, NL network lead, Bd board, Au the author,
Mb member, Vi visitor signed in, An anonymous, SX a steward of another hub):

| Document | SU | St | NL | Bd | Au | Mb | Vi | An | SX |
|---|---|---|---|---|---|---|---|---|---|
| initiative, area, goal, event, visible idea, published entry | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ |
| member with a public profile (approved membership) | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ |
| hidden idea, draft or proposed library entry | ✓ | ✓ | ✓ | – | ✓ | – | – | – | – |
| member without consent | never indexed |||||||||

Stricter than the apps' own pages in one corner: an initiative's team, who may see hidden ideas
of their initiative and case-study drafts, find them on those pages, not in search.

Three queries for a page of results (the count, which stops at COUNT_CAP; the page's ids,
ranked; their documents with the highlights, made for the page only), plus one for the hubs a
signed-in person leads, however many documents match.
"""

import re
from abc import ABC, abstractmethod
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, FloatField, Q, QuerySet, TextField, Value, When
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from apps.hubs.models import ApplicationStatus, Hub, Membership
from apps.search.indexers import MARK_END, MARK_START
from apps.search.models import Kind, SearchDocument

MAX_QUERY = 200
COUNT_CAP = 1000  # results are counted up to here; beyond, "more than 1,000"
# A common word's tens of thousands of matches are not all ranked: the newest RANK_WINDOW of
# them (documents are numbered as they are made) are, best first. Pages end at COUNT_CAP.
RANK_WINDOW = 2000
PG_CONFIGS = {"norwegian": ["nb", "nn", "no"], "swedish": ["sv"], "english": ["en"]}
_CONFIGURED = [lang for langs in PG_CONFIGS.values() for lang in langs]
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Hit:
    kind: str
    kind_label: str
    title: SafeString
    snippet: SafeString
    url: str
    hub_slug: str
    hub_name: str
    public: bool
    updated: datetime


def highlighted(text: str | None) -> SafeString:
    """Escape the text, then turn the database's match marks into <mark>."""
    safe = escape(text or "")
    # The text is escaped above; only the two markers the database put in become tags.
    return mark_safe(safe.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))  # noqa: S308 # nosec B308 B703


@dataclass(frozen=True)
class Scope:
    """Where to look and what this person may find there."""

    hub_id: int | None
    kinds: tuple[str, ...]
    everything: bool  # a superuser
    lead_hubs: tuple[int, ...]  # hubs this person leads: their documents that are not public too
    owner_id: int | None  # their own documents that are not public

    def q(self) -> Q:
        where = Q()
        if self.hub_id is not None:
            where &= Q(hub_id=self.hub_id)
        if self.kinds:
            where &= Q(kind__in=self.kinds)
        if not self.everything:
            seen = Q(public=True) | Q(hub_id__in=self.lead_hubs)
            if self.owner_id is not None:
                seen |= Q(owner_id=self.owner_id)
            where &= seen
        return where

    def sql(self) -> tuple[str, list[Any]]:
        """The same as SQL over the documents table aliased `d`."""
        parts: list[str] = []
        params: list[Any] = []
        if self.hub_id is not None:
            parts.append("d.hub_id = %s")
            params.append(self.hub_id)
        if self.kinds:
            parts.append("d.kind IN ({})".format(", ".join(["%s"] * len(self.kinds))))
            params.extend(self.kinds)
        if not self.everything:
            seen = ["d.public"]
            if self.lead_hubs:
                seen.append("d.hub_id IN ({})".format(", ".join(["%s"] * len(self.lead_hubs))))
                params.extend(self.lead_hubs)
            if self.owner_id is not None:
                seen.append("d.owner_id = %s")
                params.append(self.owner_id)
            parts.append("({})".format(" OR ".join(seen)))
        return " AND ".join(parts) or "1", params


def scope_for(user: Any, hub: Hub | None = None, kinds: list[str] | None = None) -> Scope:
    """One query when signed in (the hubs the person leads), none otherwise."""
    signed_in = user is not None and getattr(user, "is_authenticated", False)
    everything = bool(signed_in and user.is_superuser)
    lead_hubs: tuple[int, ...] = ()
    if signed_in and not everything:
        lead_hubs = tuple(
            Membership.objects.filter(user=user, status=ApplicationStatus.APPROVED)
            .filter(Q(is_steward=True) | Q(is_network_lead=True))
            .values_list("hub_id", flat=True)
        )
    return Scope(
        hub_id=hub.pk if hub is not None else None,
        kinds=tuple(kinds_from(kinds or [])),
        everything=everything,
        lead_hubs=lead_hubs,
        owner_id=user.pk if signed_in else None,
    )


def fts5_query(q: str) -> str:
    """The words of `q` as an FTS5 query: each quoted, as a prefix, all required."""
    words = _WORD.findall(q[:MAX_QUERY])
    return " ".join('"{}"*'.format(w.replace('"', '""')) for w in words[:20])


def _hit(doc: Any, title: str | None, snippet: str | None) -> Hit:
    return Hit(
        kind=doc.kind,
        kind_label=str(Kind(doc.kind).label),
        title=highlighted(title if title else doc.title),
        snippet=highlighted(snippet if snippet is not None else doc.body[:240]),
        url=doc.url,
        hub_slug=doc.hub.slug,
        hub_name=doc.hub.name,
        public=doc.public,
        updated=doc.updated,
    )


class Results(ABC):
    """A lazy result list: `count()` and slicing, as Django's Paginator and ninja's pagination
    expect. Each slice is one query; the count is one query, made once, and stops at
    COUNT_CAP: a common word's tens of thousands of matches are never counted one by one
    (`more` says there were more; the pages end at the cap)."""

    def __init__(self, q: str, scope: Scope):
        self.q = q
        self.scope = scope
        self.base = SearchDocument.objects.filter(scope.q())
        self._count: int | None = None

    def all(self) -> "Results":
        return self

    def _counted(self) -> int:
        if self._count is None:
            self._count = self._count_matches(COUNT_CAP + 1) if self.q else 0
        return self._count

    def count(self) -> int:
        """How many match, at most COUNT_CAP."""
        return min(self._counted(), COUNT_CAP)

    @property
    def more(self) -> bool:
        """Whether more than COUNT_CAP documents match."""
        return self._counted() > COUNT_CAP

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item: slice) -> list[Hit]:
        if not isinstance(item, slice):
            raise TypeError("Results are read a page (a slice) at a time.")
        start = item.start or 0
        stop = item.stop if item.stop is not None else start + 20
        if not self.q or stop <= start:
            return []
        return self._page(start, stop)

    @abstractmethod
    def _count_matches(self, limit: int) -> int:
        """How many documents match, counting no further than `limit`."""

    @abstractmethod
    def _page(self, start: int, stop: int) -> list[Hit]:
        """The hits from `start` to `stop`, ranked and highlighted."""


class PostgresResults(Results):
    def _queries(self) -> dict[str, SearchQuery]:
        """Per configuration: the query as web search syntax (quotes, or, -not), or its words
        each as a stemmed prefix (so a word finds the compounds it starts: "sykkel" finds
        "sykkelverksted")."""
        words = _WORD.findall(self.q)[:20]
        prefixes = " & ".join("'{}':*".format(w.replace("'", "''")) for w in words)
        queries = {}
        for cfg in [*PG_CONFIGS, "simple"]:
            query = SearchQuery(self.q, config=cfg, search_type="websearch")
            if prefixes:
                query = query | SearchQuery(prefixes, config=cfg, search_type="raw")
            queries[cfg] = query
        return queries

    def _matching(self) -> QuerySet[SearchDocument]:
        """The documents matching the query that the scope allows. The scope's filters are
        applied to the full-text index's matches, never combined with them as bitmaps: a hub
        holds a large share of all documents, and ANDing its index entries with a rare word's
        few matches cost PostgreSQL hundreds of times more than checking the matches' rows
        (`hub_id + 0` is the same test without the index)."""
        queries = self._queries()
        match = Q(~Q(language__in=_CONFIGURED), vector=queries["simple"])
        for cfg, langs in PG_CONFIGS.items():
            match |= Q(language__in=langs, vector=queries[cfg])
        scoped = SearchDocument.objects.alias(
            hub_row=F("hub_id") + Value(0), kind_row=Concat(F("kind"), Value(""))
        )
        return scoped.filter(replace(self.scope, hub_id=None, kinds=()).q(), match, *self._unindexed())

    def _unindexed(self) -> list[Q]:
        where = []
        if self.scope.hub_id is not None:
            where.append(Q(hub_row=self.scope.hub_id))
        if self.scope.kinds:
            where.append(Q(kind_row__in=self.scope.kinds))
        return where

    def _count_matches(self, limit: int) -> int:
        return self._matching().values("pk")[:limit].count()

    def _page(self, start: int, stop: int) -> list[Hit]:
        """Two queries: the page's ids, ranked (the only per-match work is ts_rank), then the
        headlines of those few documents only (ts_headline parses the text: far too slow to run
        for every match)."""
        queries = self._queries()

        def per_config(make: Any, output: Any) -> Case:
            whens = [
                When(language__in=langs, then=make(cfg, queries[cfg])) for cfg, langs in PG_CONFIGS.items()
            ]
            return Case(*whens, default=make("simple", queries["simple"]), output_field=output)

        window = self._matching().order_by("-pk").values("pk")[:RANK_WINDOW]
        ids = list(
            SearchDocument.objects.filter(pk__in=window)
            .annotate(rank=per_config(lambda cfg, sq: SearchRank(F("vector"), sq), FloatField()))
            .order_by("-rank", "-updated", "pk")
            .values_list("pk", flat=True)[start:stop]
        )
        if not ids:
            return []
        docs = (
            SearchDocument.objects.filter(pk__in=ids)
            .select_related("hub")
            .annotate(
                title_hl=per_config(
                    lambda cfg, sq: SearchHeadline(
                        "title", sq, config=cfg, highlight_all=True, start_sel=MARK_START, stop_sel=MARK_END
                    ),
                    TextField(),
                ),
                snippet_hl=per_config(
                    lambda cfg, sq: SearchHeadline(
                        "body",
                        sq,
                        config=cfg,
                        max_words=30,
                        min_words=12,
                        max_fragments=2,
                        start_sel=MARK_START,
                        stop_sel=MARK_END,
                    ),
                    TextField(),
                ),
            )
            .in_bulk(ids)
        )
        return [_hit(docs[pk], docs[pk].title_hl, docs[pk].snippet_hl) for pk in ids if pk in docs]


class SqliteResults(Results):
    """Our own SQL: the filters come from Scope.sql, every value is a parameter. CROSS JOIN
    keeps the full-text match the outer loop (SQLite would otherwise probe the match once per
    document). `rank` is bm25 with the title weighing five times the text (set on the table in
    migration 0002), FTS5's own ranking path; only the page's rows are highlighted, each found
    again by rowid."""

    FROM = (
        "FROM search_fts CROSS JOIN search_searchdocument d ON d.id = search_fts.rowid "
        "WHERE search_fts MATCH %s AND {where}"
    )
    # Constant SQL (the filters are Scope.sql's placeholders; every value is a parameter).
    COUNT = "SELECT count(*) FROM (SELECT 1 " + FROM + " LIMIT %s)"  # noqa: S608 # nosec B608
    WINDOW = "SELECT d.id " + FROM + " ORDER BY search_fts.rowid DESC LIMIT 1 OFFSET %s"  # noqa: S608 # nosec B608
    PAGE = (
        "SELECT d.id "  # noqa: S608 # nosec B608
        + FROM
        + " AND search_fts.rowid >= %s ORDER BY search_fts.rank, d.updated DESC, d.id LIMIT %s OFFSET %s"
    )
    HIGHLIGHT = (
        "SELECT rowid, highlight(search_fts, 0, %s, %s), snippet(search_fts, 1, %s, %s, '…', 24) "
        "FROM search_fts WHERE search_fts MATCH %s AND rowid IN ({ids})"
    )

    def _count_matches(self, limit: int) -> int:
        where, params = self.scope.sql()
        with connection.cursor() as cursor:
            cursor.execute(self.COUNT.format(where=where), [fts5_query(self.q), *params, limit])
            return int(cursor.fetchone()[0])

    def _page(self, start: int, stop: int) -> list[Hit]:
        where, params = self.scope.sql()
        match = fts5_query(self.q)
        marks = [MARK_START, MARK_END, MARK_START, MARK_END]
        with connection.cursor() as cursor:
            # The ranking window: the RANK_WINDOW newest matches (FTS5 walks its matches by
            # rowid without ranking them); bm25, which reads each match's sizes, ranks only those.
            cursor.execute(self.WINDOW.format(where=where), [match, *params, RANK_WINDOW - 1])
            row = cursor.fetchone()
            oldest = row[0] if row else 0
            cursor.execute(self.PAGE.format(where=where), [match, *params, oldest, stop - start, start])
            ids = [row[0] for row in cursor.fetchall()]
            highlights: dict[int, tuple[str, str]] = {}
            if ids:
                cursor.execute(self.HIGHLIGHT.format(ids=", ".join(["%s"] * len(ids))), [*marks, match, *ids])
                highlights = {row[0]: (row[1], row[2]) for row in cursor.fetchall()}
        docs = SearchDocument.objects.select_related("hub").in_bulk(ids)
        return [_hit(docs[pk], *highlights.get(pk, (None, None))) for pk in ids if pk in docs]


def search(
    *,
    q: str,
    user: Any = None,
    hub: Hub | None = None,
    kinds: list[str] | None = None,
) -> Results:
    """The documents matching `q` that `user` may see, best first, in `hub` (or all hubs) and of
    `kinds` (or all). Read a page by slicing; `count()` says how many."""
    q = (q or "").replace("\x00", " ").strip()[:MAX_QUERY]
    scope = scope_for(user, hub, kinds)
    if connection.vendor == "postgresql":
        return PostgresResults(q, scope)
    return SqliteResults(q if fts5_query(q) else "", scope)


def kinds_from(values: list[str]) -> list[str]:
    """The known kinds among `values` (a filter from a form or a query string)."""
    return [v for v in dict.fromkeys(values) if v in Kind.values]


def hub_choices() -> list[Hub]:
    return list(Hub.objects.order_by("name").only("pk", "slug", "name"))
