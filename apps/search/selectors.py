"""Reads of search: one selector, `search(...)`, with a backend per database vendor.

Where to look and who may find what is part of the full-text index itself (migration 0003): a
document's hub, kind, and whether it is public or whose it is are tokens in the index beside its
words, so the index alone answers which documents match in this scope; no document row is read
per match (`Scope`).

PostgreSQL: each document's tsvector is made with its language's configuration (norwegian,
swedish, english; simple for any other). The query's words are stemmed once in every
configuration into one minimal tsquery (each word its stems, the last word being typed as the
fewest stems that cover it, each a prefix), matched with GIN: the word being typed through the
`prefixes` tsvector (its first three to six letters are one index entry), ranked by `ts_rank`
(title weighs more than text), highlighted by `ts_headline`. SQLite: the FTS5 table, the words
each quoted (nothing a person types can be FTS5 syntax), the last as a prefix (FTS5's prefix
index), ranked by `bm25()`, highlighted by `highlight()`/`snippet()`.

At city scale (bench/search_bench.py: 500,000 documents) the work per query is bounded
whatever the number of matches: one walk of the newest matches gives both the count, which
stops at COUNT_CAP ("more than 1,000"), and the ranking window, the RANK_WINDOW newest matches,
which alone are ranked; only the shown page is highlighted.

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

Queries for a page of results, however many documents match: on SQLite the window (count and
ranking window), the ranked page, its highlights and its documents; on PostgreSQL the stems,
the newest id, the window (at most three times: in larger slices of the newest documents while
they hold too few matches) and the page's documents with their headlines; plus one for the hubs
a signed-in person leads.
"""

import json
import re
from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.postgres.search import SearchHeadline, SearchQuery
from django.db import connection
from django.db.models import Case, Q, TextField, When
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from apps.hubs.models import ApplicationStatus, Hub, Membership
from apps.search.indexers import MARK_END, MARK_START
from apps.search.models import Kind, SearchDocument

MAX_QUERY = 200
COUNT_CAP = 1000  # results are counted up to here; beyond, "more than 1,000"
# A common word's tens of thousands of matches are not all ranked: the newest RANK_WINDOW of
# them (documents are numbered as they are made) are, best first. Pages end at COUNT_CAP, so a
# larger window would only rank matches no page shows.
RANK_WINDOW = 1000
PG_CONFIGS = {"norwegian": ["nb", "nn", "no"], "swedish": ["sv"], "english": ["en"]}
_CONFIGURED = [lang for langs in PG_CONFIGS.values() for lang in langs]
_WORD = re.compile(r"\w+", re.UNICODE)
# Web search syntax a person may use: a quote, a word's exclusion (-word), or.
_SYNTAX = re.compile(r'"|(?:^|\s)-\w|\bor\b', re.IGNORECASE)


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
    """Where to look and what this person may find there.

    Scope tokens: the full-text index holds, beside a document's words, its hub, its kind, and
    whether it is public or whose it is (migration 0003), as tokens no query a person types can
    produce. The scope is a condition on those tokens, so the index alone says which matches
    this person may find, in this hub, of these kinds: no document row is read per match."""

    hub_id: int | None
    kinds: tuple[str, ...]
    everything: bool  # a superuser
    lead_hubs: tuple[int, ...]  # hubs this person leads: their documents that are not public too
    owner_id: int | None  # their own documents that are not public

    def required(self, hub_known: bool = False) -> list[list[str]]:
        """Tokens a match must have, as groups ANDed, each group an OR: its hub ("h7"), one of
        its kinds ("kidea"), or both at once ("h7kidea"). Ids are integers and kinds known ones
        (`kinds_from`). `hub_known`: another token already says the hub (no "h7" group)."""
        kinds = [kind for kind in self.kinds if kind in Kind.values]
        if self.hub_id is not None and kinds:
            # One short list per kind in the hub ("h7kidea"), not the hub's and each kind's long ones.
            return [[f"h{int(self.hub_id)}k{kind}" for kind in kinds]]
        groups: list[list[str]] = []
        if self.hub_id is not None and not hub_known:
            groups.append([f"h{int(self.hub_id)}"])
        if kinds:
            groups.append([f"k{kind}" for kind in kinds])
        return groups

    def unless(self) -> list[str] | None:
        """A document that is not public ("priv") is left out unless it has one of these tokens
        (a hub this person leads, "h3"; their own, "o12"). None: nothing is left out (a
        superuser). Not public is the rare case, so the index reads its short list of entries,
        never the long one of everything public."""
        if self.everything:
            return None
        tokens = [f"h{int(hub_id)}" for hub_id in self.lead_hubs]
        if self.owner_id is not None:
            tokens.append(f"o{int(self.owner_id)}")
        return tokens

    def fts5(self, words: str) -> str:
        """`words` (an FTS5 expression) in title and text, within the scope: FTS5 over the
        `tags` column ("h7 kidea priv o12")."""
        match = " AND ".join(
            [
                "{title body} : (" + words + ")",
                *("tags : ({})".format(" OR ".join(g)) for g in self.required()),
            ]
        )
        unless = self.unless()
        if unless is None:
            return match
        hidden = "tags : (priv)" + (" NOT tags : ({})".format(" OR ".join(unless)) if unless else "")
        return f"({match}) NOT ({hidden})"

    def tsquery(self, hub_known: bool = False) -> str:
        """As tsquery text over the tokens in the tsvector ('#h7' & !('#priv' & !'#o12'));
        empty for no condition. `hub_known`: the hub is already part of another token."""
        parts = ["({})".format(" | ".join(f"'#{t}'" for t in group)) for group in self.required(hub_known)]
        unless = self.unless()
        if unless is not None:
            allowed = " | ".join(f"'#{t}'" for t in unless)
            parts.append(f"!('#priv' & !({allowed}))" if unless else "!'#priv'")
        return " & ".join(parts)


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


def _lexeme(text: str) -> str:
    """A tsquery lexeme, quoted: 'benk'."""
    return "'{}'".format(text.replace("'", "''"))


def fts5_query(q: str) -> str:
    """The words of `q` as an FTS5 query: each quoted, all required, the last as a prefix (the
    word being typed; alone, a word finds the compounds it starts: "sykkel", "sykkelverksted")."""
    words = _WORD.findall(q[:MAX_QUERY])[:20]
    quoted = ['"{}"'.format(w.replace('"', '""')) for w in words]
    return " ".join(quoted) + "*" if quoted else ""


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
    """Our own SQL, every value a parameter. The query's words are stemmed in every
    configuration into one minimal tsquery (`terms`), ANDed with the scope tokens: GIN answers
    which documents match, in this hub, of these kinds, that this person may find. Each
    document's vector was made with its own language's configuration, so a word matches a
    document through its stem in that language (the other languages' stems can only add a stem
    the document shares)."""

    CONFIGS = [*PG_CONFIGS, "simple"]
    # The newest matches (as many as the count and the ranking need), each with its ts_rank
    # (title over text) on the words alone. {order} is `id + 0` where the matches are sparse
    # along the primary key (one hub, some kinds, the newest slice): PostgreSQL would otherwise
    # walk the key backwards testing every document until enough matched, where GIN finds them
    # directly. Across every hub the planner chooses.
    WINDOW = (
        "SELECT id, ts_rank(vector, {words}) FROM (SELECT id, vector FROM search_searchdocument "
        "WHERE {match} {newer} ORDER BY {order} DESC LIMIT %s) w"
    )
    # A common word matches tens of thousands of documents, and each match GIN finds is a row
    # read to know its id and rank: the newest SLICES documents are searched first, the next
    # slice only when one holds too few matches, and all of them last (then the word is rare
    # enough that reading every match costs at most the count's worth per slice).
    SLICES = (20_000, 100_000)

    _window: list[tuple[int, float]] | None = None

    _terms: tuple[list[str], list[str]] | None = None

    def terms(self) -> tuple[list[str], list[str]]:
        """The words as tsquery groups: each word but the last its stems in every configuration,
        exact; the last word (the one being typed; alone, a word finds the compounds it starts)
        as the fewest stems that cover it, each a prefix. "benker torg" is ('benk' | 'benker')
        and 'torg'. A word that is a stop word in a language does not have to match (as when its
        configuration parses it). One query: the stems, from the configurations' dictionaries."""
        if self._terms is None:
            words = [w.lower() for w in _WORD.findall(self.q)[:20]]
            exact: list[str] = []
            last: list[str] = []
            if words:
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT ts_lexize('norwegian_stem', w), ts_lexize('swedish_stem', w), "
                        "ts_lexize('english_stem', w) "
                        "FROM unnest(%s::text[]) WITH ORDINALITY AS t(w, n) ORDER BY n",
                        [words],
                    )
                    rows = cursor.fetchall()
                for at, (word, stems) in enumerate(zip(words, rows, strict=True)):
                    if any(stem == [] for stem in stems):
                        continue  # a stop word in a language
                    found = {word, *(x for stem in stems if stem for x in stem)}
                    if at == len(words) - 1:
                        last = sorted(x for x in found if not any(y != x and x.startswith(y) for y in found))
                    else:
                        exact.append("({})".format(" | ".join(_lexeme(x) for x in sorted(found))))
            self._terms = (exact, last)
        return self._terms

    def _minimal(self) -> str:
        """The words as one tsquery, the last word's stems as prefixes: never the four
        configurations' queries ORed, whose overlapping prefixes GIN would expand one by one."""
        exact, last = self.terms()
        groups = [*exact]
        if last:
            groups.append("({})".format(" | ".join(_lexeme(x) + ":*" for x in last)))
        return " & ".join(groups)

    def _words(self) -> tuple[str, list[str]]:
        """The words as SQL: the minimal tsquery, or, when the query uses web search syntax
        (quotes, or, -not), also the query read that way in each configuration."""
        minimal = self._minimal()
        parts: list[str] = []
        params: list[str] = []
        if minimal:
            parts.append("%s::tsquery")
            params.append(minimal)
        if _SYNTAX.search(self.q) or not minimal:
            for cfg in self.CONFIGS:
                parts.append(f"websearch_to_tsquery('{cfg}', %s)")
                params.append(self.q)
        return "(" + " || ".join(parts) + ")", params

    def _match(self) -> tuple[str, list[str]]:
        """The condition on a document: one GIN scan of `prefixes` (the words, their first
        letters and the scope tokens), where the word being typed, when its stems are three to
        six letters long, is one entry ('#psykk', in one hub '#h7psykk') instead of a range of
        every word that starts so. Web search syntax (quotes, or, -not) is read in `vector`,
        which has the words' positions."""
        tokens = self.scope.tsquery()
        exact, last = self.terms()
        if (exact or last) and not _SYNTAX.search(self.q):
            if last and all(3 <= len(x) <= 6 for x in last):
                hub = "" if self.scope.hub_id is None else f"h{int(self.scope.hub_id)}"
                typed = "({})".format(" | ".join(_lexeme(f"#{hub}p{x}") for x in last))
                tokens = self.scope.tsquery(hub_known=True)
            elif last:
                typed = "({})".format(" | ".join(_lexeme(x) + ":*" for x in last))
            else:
                typed = ""
            return "prefixes @@ %s::tsquery", [" & ".join(filter(None, [*exact, typed, tokens]))]
        words, params = self._words()
        if not tokens:
            return f"vector @@ {words}", params
        return f"vector @@ ({words} && %s::tsquery)", [*params, tokens]

    def window(self) -> list[tuple[int, float]]:
        """(id, rank) of the newest matches, newest first: one query for the count and the
        ranking window both (again, in a larger slice, while the newest hold too few)."""
        if self._window is None:
            need = max(RANK_WINDOW, COUNT_CAP + 1)
            sparse = self.scope.hub_id is not None or bool(self.scope.kinds)
            with connection.cursor() as cursor:
                cursor.execute("SELECT max(id) FROM search_searchdocument")
                newest = cursor.fetchone()[0] or 0
                rows: list[tuple[int, float]] = []
                slices = () if _SYNTAX.search(self.q) else self.SLICES
                for size in slices:
                    if newest <= size:
                        break
                    rows = self._rows(cursor, need, newer_than=newest - size, sparse=sparse)
                    if len(rows) >= need:
                        break
                if len(rows) < need:
                    rows = self._rows(cursor, need, newer_than=None, sparse=sparse)
            self._window = rows
        return self._window

    def _rows(self, cursor: Any, need: int, newer_than: int | None, sparse: bool) -> list[tuple[int, float]]:
        match, match_params = self._match()
        words, word_params = self._words()
        sql = self.WINDOW.format(
            match=match,
            words=words,
            newer="" if newer_than is None else "AND id > %s",
            order="id + 0" if sparse else "id",
        )
        newer = [] if newer_than is None else [newer_than]
        cursor.execute(sql, [*word_params, *match_params, *newer, need])
        return [(row[0], row[1]) for row in cursor.fetchall()]

    def _count_matches(self, limit: int) -> int:
        return min(len(self.window()), limit)

    def _page(self, start: int, stop: int) -> list[Hit]:
        """The page of the ranked window (best first, the newer first among equals), then the
        headlines of those few documents only (ts_headline parses the text: far too slow to
        run for every match)."""
        ranked = sorted(self.window()[:RANK_WINDOW], key=lambda row: (-row[1], -row[0]))
        ids = [pk for pk, _rank in ranked[start:stop]]
        if not ids:
            return []
        # Highlighted as matched: the words' stems and the last word's prefixes, read in each
        # document's configuration (and the query as web search syntax).
        minimal = self._minimal()
        queries = {}
        for cfg in self.CONFIGS:
            query = SearchQuery(self.q, config=cfg, search_type="websearch")
            queries[cfg] = query | SearchQuery(minimal, config=cfg, search_type="raw") if minimal else query

        def per_config(make: Any, output: Any) -> Case:
            whens = [
                When(language__in=langs, then=make(cfg, queries[cfg])) for cfg, langs in PG_CONFIGS.items()
            ]
            return Case(*whens, default=make("simple", queries["simple"]), output_field=output)

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
    """Our own SQL, every value a parameter. FTS5 alone answers which documents match and may
    be found here (Scope.fts5: the words in title and text, the scope tokens in `tags`); no
    document row is read but the page's.

    One walk of the matches, newest first, gives both the count (up to COUNT_CAP + 1) and the
    ranking window (the RANK_WINDOW newest). The window is then ranked by `rank` (bm25 with the
    title weighing five times the text, migration 0003) over the words alone: with the scope
    tokens in the query, bm25 would count every document of the hub to weigh a token that
    weighs nothing. Only the page's rows are highlighted."""

    WINDOW = "SELECT rowid FROM search_fts WHERE search_fts MATCH %s ORDER BY rowid DESC LIMIT %s"
    # `+rowid` keeps the window's ids a filter on FTS5's matches, not a lookup per id.
    PAGE = (
        "SELECT rowid FROM search_fts WHERE search_fts MATCH %s AND rowid >= %s "
        "AND +rowid IN (SELECT value FROM json_each(%s)) ORDER BY rank, rowid DESC LIMIT %s OFFSET %s"
    )
    HIGHLIGHT = (
        "SELECT rowid, highlight(search_fts, 0, %s, %s), snippet(search_fts, 1, %s, %s, '…', 24) "
        "FROM search_fts WHERE search_fts MATCH %s AND rowid IN ({ids})"
    )

    _window: list[int] | None = None

    def window(self) -> list[int]:
        """The ids of the newest matches, as many as the count and the ranking need."""
        if self._window is None:
            with connection.cursor() as cursor:
                cursor.execute(
                    self.WINDOW, [self.scope.fts5(fts5_query(self.q)), max(RANK_WINDOW, COUNT_CAP + 1)]
                )
                self._window = [row[0] for row in cursor.fetchall()]
        return self._window

    def _count_matches(self, limit: int) -> int:
        return min(len(self.window()), limit)

    def _page(self, start: int, stop: int) -> list[Hit]:
        ranked = self.window()[:RANK_WINDOW]
        if not ranked:
            return []
        words = "{title body} : (" + fts5_query(self.q) + ")"
        marks = [MARK_START, MARK_END, MARK_START, MARK_END]
        with connection.cursor() as cursor:
            cursor.execute(self.PAGE, [words, ranked[-1], json.dumps(ranked), stop - start, start])
            ids = [row[0] for row in cursor.fetchall()]
            highlights: dict[int, tuple[str, str]] = {}
            if ids:
                # Constant SQL: one placeholder per id.
                sql = self.HIGHLIGHT.format(ids=", ".join(["%s"] * len(ids)))
                cursor.execute(sql, [*marks, words, *ids])
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
