"""Every read of the library that feeds a page, the feed or the API; lists use a constant number
of queries."""

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from apps.hubs.models import Hub
from apps.library.models import (
    Course,
    CourseProgress,
    Entry,
    Kind,
    Lesson,
    LessonDone,
    Status,
    Subscription,
    search_text,
)

SEARCH_MAX = 200


def public_entries(*, hub: Hub) -> QuerySet[Entry]:
    """The hub's published entries (its own and imported), newest first. One query a page."""
    return (
        Entry.objects.filter(hub=hub, status=Status.PUBLISHED)
        .select_related("hub", "initiative")
        .order_by("-updated_at", "-pk")
    )


def search(*, hub: Hub, q: str = "", kind: str = "") -> QuerySet[Entry]:
    """Published entries whose title, summary, text or tags hold every word of `q` (case-folded
    in Python on save, so the same on SQLite and PostgreSQL), of one kind if given."""
    qs = public_entries(hub=hub)
    if kind in Kind.values:
        qs = qs.filter(kind=kind)
    # No stored text holds a NUL, and PostgreSQL refuses one in a query (a 500): it separates words.
    q = (q or "").replace("\x00", " ")
    for word in search_text(q[:SEARCH_MAX]).split()[:10]:
        qs = qs.filter(search__contains=word)
    return qs


def waiting_entries(*, hub: Hub, user: Any) -> QuerySet[Entry]:
    """Drafts and proposals a person may see: all of the hub's for a lead, one's own otherwise."""
    qs = Entry.objects.filter(hub=hub).exclude(status=Status.PUBLISHED).select_related("hub", "author")
    if not user.is_authenticated:
        return qs.none()
    if not user.has_perm("library.publish_entry", hub):
        qs = qs.filter(author=user)
    return qs.order_by("-updated_at", "-pk")


def entry_get(*, hub: Hub, pk: int, user: Any) -> Entry:
    """One entry of the hub; a draft one may not see is not found."""
    entry: Entry = get_object_or_404(
        Entry.objects.select_related("hub", "initiative", "author"), hub=hub, pk=pk
    )
    if not user.has_perm("library.view_entry", entry):
        raise Http404
    return entry


def feed_entries(*, hub: Hub) -> QuerySet[Entry]:
    """What the hub publishes in its feed: its own published entries and case studies (not what
    it imported from others), the newest change first."""
    return public_entries(hub=hub).filter(origin_url="")


def case_studies(*, hub: Hub) -> QuerySet[Entry]:
    return public_entries(hub=hub).filter(kind=Kind.CASE_STUDY)


def case_study_of(*, initiative: Any) -> Entry | None:
    return Entry.objects.filter(initiative=initiative).select_related("hub").first()


def courses(*, hub: Hub, user: Any) -> QuerySet[Course]:
    """The hub's courses (unpublished ones only for those who manage them) with their number of
    lessons. One query."""
    qs = Course.objects.filter(hub=hub).select_related("hub").annotate(lesson_count=Count("lessons"))
    if not user.has_perm("library.manage_course", hub):
        qs = qs.filter(is_published=True)
    return qs.order_by("title", "pk")


def course_get(*, hub: Hub, pk: int, user: Any) -> Course:
    course: Course = get_object_or_404(Course.objects.select_related("hub"), hub=hub, pk=pk)
    if not user.has_perm("library.view_course", course):
        raise Http404
    return course


def lessons(course: Course) -> list[Lesson]:
    items = list(Lesson.objects.filter(course=course).order_by("position"))
    for lesson in items:
        lesson.course = course
    return items


def lesson_get(*, course: Course, position: int) -> Lesson:
    lesson: Lesson = get_object_or_404(Lesson, course=course, position=position)
    lesson.course = course
    return lesson


def progress(*, course: Course, user: Any) -> tuple[set[int], CourseProgress | None]:
    """The lessons a person has done and their progress row (None before they start)."""
    if not user.is_authenticated:
        return set(), None
    done = set(
        LessonDone.objects.filter(lesson__course=course, user=user).values_list("lesson_id", flat=True)
    )
    return done, CourseProgress.objects.filter(course=course, user=user).first()


def subscriptions(*, hub: Hub) -> QuerySet[Subscription]:
    return (
        Subscription.objects.filter(hub=hub)
        .annotate(
            entry_count=Count("entries"),
            edited_changed=Count("entries", filter=Q(entries__origin_changed=True)),
        )
        .order_by("feed_url", "pk")
    )


def subscription_get(*, hub: Hub, pk: int) -> Subscription:
    subscription: Subscription = get_object_or_404(Subscription.objects.select_related("hub"), hub=hub, pk=pk)
    return subscription
