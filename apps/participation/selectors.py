"""Reads that feed the participation pages and the API. Lists use a fixed number of queries
however many rows there are (tests/participation/test_queries.py)."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import BooleanField as BooleanFieldType
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from apps.hubs.models import Hub
from apps.participation.models import THREAD_DEPTH, Comment, Idea, Report, Support
from apps.participation.spaces import Space

SORTS = {
    "new": ("-created", "-pk"),
    "supported": ("-support_count", "-created", "-pk"),
    "discussed": ("-comment_count", "-created", "-pk"),
}


def _ideas() -> QuerySet[Idea]:
    return Idea.objects.select_related("hub", "initiative", "area", "author", "author__profile")


def _with_supported(qs: QuerySet[Idea], viewer: Any) -> QuerySet[Idea]:
    if getattr(viewer, "is_authenticated", False):
        return qs.annotate(supported=Exists(Support.objects.filter(idea=OuterRef("pk"), user_id=viewer.pk)))
    return qs.annotate(supported=Value(False, output_field=BooleanFieldType()))


def idea_list(*, space: Space, viewer: Any = None, sort: str = "new") -> QuerySet[Idea]:
    """The ideas of a space for a page: visible ones, plus hidden ones to their author and to
    those who may moderate the space. Each carries `supported` (by the viewer)."""
    qs = _ideas().filter(**space.filter())
    if viewer is None or not viewer.has_perm("participation.moderate", space):
        visible = Q(status=Idea.Status.VISIBLE)
        if getattr(viewer, "is_authenticated", False):
            visible |= Q(author_id=viewer.pk)
        qs = qs.filter(visible)
    return _with_supported(qs, viewer).order_by(*SORTS.get(sort, SORTS["new"]))


def public_ideas(*, space: Space, sort: str = "new") -> QuerySet[Idea]:
    """Visible ideas only (the API)."""
    return (
        _ideas().filter(**space.filter(), status=Idea.Status.VISIBLE).order_by(*SORTS.get(sort, SORTS["new"]))
    )


def idea_get(*, space: Space, pk: int, viewer: Any = None) -> Idea:
    return get_object_or_404(_with_supported(_ideas().filter(**space.filter()), viewer), pk=pk)


def idea_get_in_hub(*, hub: Hub, pk: int) -> Idea:
    return get_object_or_404(_ideas(), hub=hub, pk=pk)


def comment_get(*, idea: Idea, pk: int) -> Comment:
    return get_object_or_404(Comment.objects.select_related("idea", "idea__hub"), idea=idea, pk=pk)


@dataclass
class CommentNode:
    comment: Comment
    children: list["CommentNode"] = field(default_factory=list)

    @property
    def depth(self) -> int:
        return min(self.comment.depth, THREAD_DEPTH - 1)


def comment_list(*, idea: Idea) -> list[Comment]:
    """All comments of an idea, oldest first, in one query."""
    return list(
        Comment.objects.filter(idea=idea)
        .select_related("author", "author__profile")
        .order_by("created", "pk")
    )


def comment_tree(*, idea: Idea, comments: list[Comment] | None = None) -> list[CommentNode]:
    """The comments as a thread: top-level comments, each with its replies (one query)."""
    comments = comment_list(idea=idea) if comments is None else comments
    nodes = {c.pk: CommentNode(c) for c in comments}
    roots: list[CommentNode] = []
    for comment in comments:
        node = nodes[comment.pk]
        parent = nodes.get(comment.parent_id) if comment.parent_id else None
        (parent.children if parent else roots).append(node)
    return roots


def viewer_open_reports(*, idea: Idea, viewer: Any) -> set[tuple[int, int | None]]:
    """(idea id, comment id or None) of what the viewer has reported and is still open."""
    if not getattr(viewer, "is_authenticated", False):
        return set()
    return set(
        Report.objects.filter(idea=idea, reporter_id=viewer.pk, status=Report.Status.OPEN).values_list(
            "idea_id", "comment_id"
        )
    )


@dataclass
class ReportGroup:
    """The open reports on one idea or comment, for the moderation queue."""

    idea: Idea
    comment: Comment | None
    reports: list[Report] = field(default_factory=list)

    @property
    def first(self) -> Report:
        return self.reports[0]


def open_report_groups(*, hub: Hub) -> list[ReportGroup]:
    """Open reports of a hub, grouped by what they are about, oldest first (one query)."""
    reports = (
        Report.objects.filter(idea__hub=hub, status=Report.Status.OPEN)
        .select_related(
            "reporter",
            "idea",
            "idea__hub",
            "idea__initiative",
            "idea__area",
            "idea__author",
            "idea__author__profile",
            "comment",
            "comment__author",
            "comment__author__profile",
        )
        .order_by("created", "pk")
    )
    groups: dict[tuple[int, int | None], ReportGroup] = {}
    for report in reports:
        key = (report.idea_id, report.comment_id)
        if report.comment is not None:
            report.comment.idea = report.idea  # already loaded: the comment's link needs it
        if key not in groups:
            groups[key] = ReportGroup(idea=report.idea, comment=report.comment)
        groups[key].reports.append(report)
    return list(groups.values())


def open_report_count(*, hub: Hub) -> int:
    return Report.objects.filter(idea__hub=hub, status=Report.Status.OPEN).count()


def top_ideas(*, space: Space, limit: int = 3) -> list[Idea]:
    return list(public_ideas(space=space, sort="supported")[:limit])


def space_counts(*, space: Space) -> dict[str, int]:
    """How many visible ideas, their visible comments and supports, and distinct authors (one query)."""
    row = Idea.objects.filter(**space.filter(), status=Idea.Status.VISIBLE).aggregate(
        ideas=Count("pk"),
        supports=Coalesce(Sum("support_count"), 0),
        comments=Coalesce(Sum("comment_count"), 0),
        authors=Count("author", distinct=True),
    )
    return {key: int(value) for key, value in row.items()}


def ideas_in_area(*, area: Any) -> list[Idea]:
    """Visible ideas in `area`: in its space or an area below it, or in an initiative there
    (apps.initiatives.selectors.initiatives_in_area). Newest first; one query."""
    from apps.initiatives.selectors import initiatives_in_area
    from apps.places.selectors import area_scope

    scope = area_scope(area)
    initiative_ids = [i.pk for i in initiatives_in_area(area=area)]
    return list(
        Idea.objects.filter(hub_id=area.hub_id, status=Idea.Status.VISIBLE)
        .filter(Q(area_id__in=scope.area_ids) | Q(initiative_id__in=initiative_ids))
        .select_related("hub", "initiative", "area")
        .order_by("-created", "-pk")
    )
