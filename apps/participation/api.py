"""Read API for participation, under /api/v1/: a space's visible ideas, one idea with its
comments (hidden ones replaced by the moderators' reason), and a space's input summary.

Texts are given as written (`body`, Markdown, JSON-escaped) and as sanitised HTML
(`body_html`). Authors are named only when they show a public profile.
"""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.pagination import paginate

from apps.core.api import BAD_REQUEST, INVALID, NOT_FOUND, answers
from apps.core.api_pagination import CursorOrOffsetPagination, counted
from apps.core.markdown import render_markdown
from apps.hubs.selectors import hub_get
from apps.hubs.versions import hub_cached
from apps.participation import selectors
from apps.participation.models import Comment, Idea
from apps.participation.spaces import space_from_key
from apps.participation.summary import summary as build_summary

router = Router(tags=["participation"])


def _author(user: Any) -> str | None:
    if user is None or not user.has_public_profile:
        return None
    return user.display_name


class IdeaOut(Schema):
    id: int
    space: str
    title: str
    body: str
    body_html: str
    category: str
    author: str | None
    created: datetime
    support_count: int
    comment_count: int
    url: str

    @staticmethod
    def resolve_space(obj: Idea) -> str:
        return obj.space.key

    @staticmethod
    def resolve_body_html(obj: Idea) -> str:
        return str(render_markdown(obj.body))

    @staticmethod
    def resolve_author(obj: Idea) -> str | None:
        return _author(obj.author)

    @staticmethod
    def resolve_url(obj: Idea) -> str:
        return obj.get_absolute_url()


class CommentOut(Schema):
    id: int
    parent: int | None
    depth: int
    author: str | None
    created: datetime
    hidden: bool
    hidden_reason: str
    body: str
    body_html: str


class IdeaDetailOut(Schema):
    id: int
    space: str
    hidden: bool
    hidden_reason: str
    title: str
    body: str
    body_html: str
    category: str
    author: str | None
    created: datetime
    support_count: int
    comment_count: int
    url: str
    comments: list[CommentOut]


class CountOut(Schema):
    label: str
    count: int


class ThemeOut(Schema):
    label: str
    terms: list[str]
    size: int
    central_idea: int
    ideas: list[int]


class SummaryOut(Schema):
    space: str
    ideas: int
    comments: int
    supports: int
    authors: int
    categories: list[CountOut]
    places: list[CountOut] | None
    top: list[int]
    themes: list[ThemeOut]
    note: str


def _comment_out(comment: Comment) -> dict[str, Any]:
    hidden = comment.hidden
    return {
        "id": comment.pk,
        "parent": comment.parent_id,
        "depth": comment.depth,
        "author": None if hidden else _author(comment.author),
        "created": comment.created,
        "hidden": hidden,
        "hidden_reason": comment.hidden_reason,
        "body": "" if hidden else comment.body,
        "body_html": "" if hidden else str(render_markdown(comment.body)),
    }


@router.get(
    "/hubs/{hub_slug}/spaces/{space}/ideas",
    response=answers(list[IdeaOut], BAD_REQUEST, NOT_FOUND, INVALID),
    summary="A space's ideas (visible only)",
)
@paginate(CursorOrOffsetPagination)
def list_ideas(request: HttpRequest, hub_slug: str, space: str, sort: str = "new"):  # type: ignore[no-untyped-def]
    """Pages by `limit` and `offset`, or by `cursor` (the `next_cursor` of the page before)."""
    hub = hub_get(slug=hub_slug)
    target = space_from_key(hub, space)
    ideas = selectors.public_ideas(space=target, sort=sort if sort in selectors.SORTS else "new")
    return counted(ideas, lambda: hub_cached(hub, "count:ideas", space, compute=ideas.count))


@router.get(
    "/hubs/{hub_slug}/ideas/{idea_id}",
    response=answers(IdeaDetailOut, NOT_FOUND, INVALID),
    summary="One idea with its comments",
)
def get_idea(request: HttpRequest, hub_slug: str, idea_id: int) -> dict[str, Any]:
    idea = selectors.idea_get_in_hub(hub=hub_get(slug=hub_slug), pk=idea_id)
    hidden = idea.is_hidden
    return {
        "id": idea.pk,
        "space": idea.space.key,
        "hidden": hidden,
        "hidden_reason": idea.hidden_reason,
        "title": _("Hidden idea") if hidden else idea.title,
        "body": "" if hidden else idea.body,
        "body_html": "" if hidden else str(render_markdown(idea.body)),
        "category": idea.category,
        "author": None if hidden else _author(idea.author),
        "created": idea.created,
        "support_count": idea.support_count,
        "comment_count": idea.comment_count,
        "url": idea.get_absolute_url(),
        "comments": [] if hidden else [_comment_out(c) for c in selectors.comment_list(idea=idea)],
    }


@router.get(
    "/hubs/{hub_slug}/spaces/{space}/summary",
    response=answers(SummaryOut, NOT_FOUND),
    summary="What people said in a space",
)
def get_space_summary(request: HttpRequest, hub_slug: str, space: str) -> dict[str, Any]:
    target = space_from_key(hub_get(slug=hub_slug), space)
    data = build_summary(target)
    return {
        "space": target.key,
        **data["counts"],
        "categories": [{"label": row["category"] or "", "count": row["count"]} for row in data["categories"]],
        "places": None
        if data["places"] is None
        else [{"label": row["label"], "count": row["count"]} for row in data["places"]],
        "top": [idea.pk for idea in data["top"]],
        "themes": [
            {
                "label": theme.label,
                "terms": theme.terms,
                "size": theme.size,
                "central_idea": theme.central.pk,
                "ideas": [idea.pk for idea in theme.ideas],
            }
            for theme in data["themes"]
        ],
        "note": str(data["note"]),
    }
