"""API for the signed-in person: their tasks and notifications, under /api/v1/me/.

Session authentication (the same sign-in as the pages); anonymous requests get 401.
"""

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.security import django_auth

from apps.core.api import INVALID, SIGNED_IN, answers
from apps.followup import selectors
from apps.followup.models import Task
from apps.notifications import selectors as notification_selectors

router = Router(tags=["me"])


class TaskOut(Schema):
    id: int
    title: str
    description: str
    status: str
    hub: str
    initiative: str | None
    initiative_url: str | None
    due_on: date | None
    starts_on: date | None
    overdue: bool
    created_at: datetime
    done_at: datetime | None

    @staticmethod
    def resolve_hub(obj: Task) -> str:
        return obj.hub.slug

    @staticmethod
    def resolve_initiative(obj: Task) -> str | None:
        return obj.initiative.title if obj.initiative is not None else None

    @staticmethod
    def resolve_initiative_url(obj: Task) -> str | None:
        return obj.initiative.get_absolute_url() if obj.initiative is not None else None

    @staticmethod
    def resolve_overdue(obj: Task) -> bool:
        return obj.is_overdue


class NotificationOut(Schema):
    id: int
    kind: str
    title: str
    body: str
    url: str
    hub: str | None
    created_at: datetime
    read: bool

    @staticmethod
    def resolve_hub(obj) -> str | None:  # type: ignore[no-untyped-def]
        return obj.hub.slug if obj.hub is not None else None

    @staticmethod
    def resolve_read(obj) -> bool:  # type: ignore[no-untyped-def]
        return obj.read_at is not None


@router.get(
    "/me/tasks", response=answers(list[TaskOut], SIGNED_IN, INVALID), auth=django_auth, summary="My tasks"
)
@paginate(LimitOffsetPagination)
def list_my_tasks(request: HttpRequest, status: str = "active"):  # type: ignore[no-untyped-def]
    return selectors.tasks_for_user(user=request.user, status=status[:12])


@router.get(
    "/me/notifications",
    response=answers(list[NotificationOut], SIGNED_IN, INVALID),
    auth=django_auth,
    summary="My notifications",
)
@paginate(LimitOffsetPagination)
def list_my_notifications(request: HttpRequest, unread: bool = False):  # type: ignore[no-untyped-def]
    qs = notification_selectors.notifications_for(user=request.user)
    if unread:
        qs = qs.filter(read_at__isnull=True)
    return qs
