"""The library as an ActivityStreams 2.0 feed (X7): writing it (an `OrderedCollection` with
`OrderedCollectionPage`s of `Article`s) and reading another installation's.

Each item carries its source (`id` and `url`: the entry's page), its licence (`license`, the
licence's URL, schema.org's term), its language and kind, its Markdown (`source`) and the
sanitised HTML (`content`), and when it was published and last updated.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from apps.core.markdown import render_markdown
from apps.hubs.models import Hub
from apps.library.fetch import FeedError
from apps.library.models import BODY_MAX, LICENCE_BY_URL, LICENCE_URLS, SUMMARY_MAX, TITLE_MAX, Entry, Kind

AS_CONTEXT = "https://www.w3.org/ns/activitystreams"
CONTEXT = [
    AS_CONTEXT,
    {
        "schema": "https://schema.org/",
        "license": {"@id": "schema:license", "@type": "@id"},
        "inLanguage": "schema:inLanguage",
        "additionalType": "schema:additionalType",
    },
]
CONTENT_TYPE = "application/activity+json"
PAGE_SIZE = 20
MAX_PAGES = 50
MAX_ITEMS = 1000
COLLECTION_TYPES = {"OrderedCollection", "Collection"}
PAGE_TYPES = {"OrderedCollectionPage", "CollectionPage"}
LANGUAGES = {"nb", "sv", "en"}


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat().replace("+00:00", "Z") if moment else None


def item(entry: Entry, base: str) -> dict[str, Any]:
    url = base + entry.get_absolute_url()
    return {
        "id": url,
        "type": "Article",
        "url": url,
        "name": entry.title,
        "summary": entry.summary,
        "content": str(render_markdown(entry.body)),
        "mediaType": "text/html",
        "source": {"content": entry.body, "mediaType": "text/markdown"},
        "additionalType": entry.kind,
        "inLanguage": entry.language,
        "license": entry.licence_url,
        "tag": [{"type": "Hashtag", "name": tag} for tag in entry.tag_list],
        "attributedTo": {"type": "Organization", "name": entry.hub.name, "url": f"{base}/{entry.hub.slug}/"},
        "published": _iso(entry.published_at),
        "updated": _iso(entry.updated_at),
    }


def collection(*, hub: Hub, base: str, feed_path: str, entries: Any, page: int | None) -> dict[str, Any]:
    """The collection (no `page`) or one of its pages (1, 2 …), for the hub's public entries."""
    feed_url = base + feed_path
    count = entries.count()
    pages = max(1, -(-count // PAGE_SIZE))
    if page is None:
        return {
            "@context": CONTEXT,
            "id": feed_url,
            "type": "OrderedCollection",
            "name": _("Library of %(hub)s") % {"hub": hub.name},
            "totalItems": count,
            "first": f"{feed_url}?page=1",
            "last": f"{feed_url}?page={pages}",
        }
    start = (page - 1) * PAGE_SIZE
    items = [item(entry, base) for entry in entries[start : start + PAGE_SIZE]]
    body: dict[str, Any] = {
        "@context": CONTEXT,
        "id": f"{feed_url}?page={page}",
        "type": "OrderedCollectionPage",
        "partOf": feed_url,
        "startIndex": start,
        "orderedItems": items,
    }
    if page < pages:
        body["next"] = f"{feed_url}?page={page + 1}"
    if page > 1:
        body["prev"] = f"{feed_url}?page={page - 1}"
    return body


# Reading ----------------------------------------------------------------------------------


def _not_as() -> FeedError:
    return FeedError(_("This address does not answer with an ActivityStreams feed."), "not_activitystreams")


def _has_as_context(document: dict[str, Any]) -> bool:
    context = document.get("@context")
    contexts = context if isinstance(context, list) else [context]
    return any(
        c in (AS_CONTEXT, AS_CONTEXT + "/", "https://www.w3.org/ns/activitystreams#") for c in contexts
    )


def check_collection(document: dict[str, Any]) -> None:
    if not _has_as_context(document) or document.get("type") not in COLLECTION_TYPES | PAGE_TYPES:
        raise _not_as()


def _link(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and isinstance(value.get("id"), str):
        return str(value["id"])
    return None


def page_items(document: dict[str, Any]) -> list[Any]:
    items = document.get("orderedItems", document.get("items", []))
    if not isinstance(items, list):
        raise _not_as()
    return items


def next_page(document: dict[str, Any], first: bool) -> str | None:
    return _link(document.get("first") if first else document.get("next"))


@dataclass
class FeedItem:
    id: str
    title: str
    summary: str
    body: str
    kind: str
    language: str
    licence: str
    updated: datetime
    origin_name: str
    tags: str


def _text(value: Any, limit: int) -> str:
    return value.strip()[:limit] if isinstance(value, str) else ""


def parse_item(raw: Any) -> FeedItem | None:
    """An item we can import, or None for one we skip (no id, no open licence we know, no date).
    Only the Markdown source is imported, never the origin's HTML."""
    if not isinstance(raw, dict) or raw.get("type") not in ("Article", "Document", "Note", "Page"):
        return None
    ident = raw.get("id")
    if not isinstance(ident, str) or not ident.startswith(("http://", "https://")) or len(ident) > 500:
        return None
    licence = LICENCE_BY_URL.get(_link(raw.get("license")) or "")
    title = _text(raw.get("name"), TITLE_MAX)
    updated = parse_datetime(raw["updated"]) if isinstance(raw.get("updated"), str) else None
    if licence is None or not title or updated is None or updated.tzinfo is None:
        return None
    source = raw.get("source")
    body = _text(source.get("content"), BODY_MAX) if isinstance(source, dict) else ""
    kind = raw.get("additionalType") if raw.get("additionalType") in Kind.values else Kind.GUIDE
    language = (
        raw.get("inLanguage")
        if isinstance(raw.get("inLanguage"), str) and raw["inLanguage"] in LANGUAGES
        else "en"
    )
    attributed = raw.get("attributedTo")
    origin = _text(attributed.get("name"), 200) if isinstance(attributed, dict) else ""
    tags: list[Any] = raw["tag"] if isinstance(raw.get("tag"), list) else []
    tag_names = [t["name"] for t in tags if isinstance(t, dict) and isinstance(t.get("name"), str)]
    return FeedItem(
        id=ident,
        title=title,
        summary=_text(raw.get("summary"), SUMMARY_MAX),
        body=body,
        kind=str(kind),
        language=str(language),
        licence=str(licence),
        updated=updated,
        origin_name=origin,
        tags=", ".join(tag_names)[:200],
    )


__all__ = ["CONTENT_TYPE", "LICENCE_URLS", "collection", "item", "parse_item"]
