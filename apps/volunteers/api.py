"""API for volunteer shifts, under /api/v1/.

Reads are public and show what the public pages show: times, places, capacity and places left,
never who signed up. Signing up and cancelling take a personal API token (`Authorization: Bearer
alm_…`) and go through the same services as the pages.
"""

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from apps.accounts.api_auth import token_write
from apps.core.api import BAD_REQUEST, FORBIDDEN, INVALID, NOT_FOUND, SIGNED_IN, answers
from apps.hubs.selectors import hub_get
from apps.initiatives.selectors import initiative_get
from apps.volunteers import selectors, services
from apps.volunteers.models import Shift, Signup

router = Router(tags=["volunteers"])


class ShiftOut(Schema):
    id: int
    initiative: str
    role: str
    starts_at: datetime
    ends_at: datetime
    place: str
    capacity: int
    confirmed: int
    places_left: int
    waiting: int
    status: str

    @staticmethod
    def resolve_initiative(obj: Shift) -> str:
        return obj.initiative.slug

    @staticmethod
    def resolve_role(obj: Shift) -> str:
        return obj.role.name

    @staticmethod
    def resolve_confirmed(obj: Shift) -> int:
        return obj.confirmed_count

    @staticmethod
    def resolve_waiting(obj: Shift) -> int:
        return getattr(obj, "waiting_count", 0)


class ShiftSignupOut(Schema):
    shift_id: int
    status: str
    places_left: int

    @staticmethod
    def resolve_places_left(obj: Signup) -> int:
        return Shift.objects.get(pk=obj.shift_id).places_left


class ShiftSignupIn(Schema):
    waiting_list: bool = False


WRITE_ERRORS = (BAD_REQUEST, SIGNED_IN, FORBIDDEN, NOT_FOUND, INVALID)


@router.get(
    "/hubs/{hub_slug}/initiatives/{initiative_slug}/shifts",
    response=answers(list[ShiftOut], NOT_FOUND, INVALID),
    summary="An initiative's volunteer shifts (counts, no names)",
)
@paginate(LimitOffsetPagination)
def list_shifts(request: HttpRequest, hub_slug: str, initiative_slug: str) -> list[Shift]:
    initiative = initiative_get(hub=hub_get(slug=hub_slug), slug=initiative_slug)
    return selectors.initiative_shifts(initiative=initiative)  # type: ignore[return-value]


@router.get(
    "/hubs/{hub_slug}/shifts/{shift_id}",
    response=answers(ShiftOut, NOT_FOUND),
    summary="One volunteer shift (counts, no names)",
)
def get_shift(request: HttpRequest, hub_slug: str, shift_id: int) -> Shift:
    return selectors.shift_get(hub=hub_get(slug=hub_slug), pk=shift_id)


@router.post(
    "/hubs/{hub_slug}/shifts/{shift_id}/signup",
    response={201: ShiftSignupOut, **answers(ShiftSignupOut, *WRITE_ERRORS)},
    auth=token_write,
    summary="Sign up for a shift (or its waiting list, when asked)",
)
def create_signup(request: HttpRequest, hub_slug: str, shift_id: int, payload: ShiftSignupIn) -> Status:
    shift = selectors.shift_get(hub=hub_get(slug=hub_slug), pk=shift_id)
    signup = services.sign_up(shift=shift, user=request.user, waiting_list=payload.waiting_list)
    return Status(201, signup)


@router.post(
    "/hubs/{hub_slug}/shifts/{shift_id}/signup/cancel",
    response=answers(ShiftSignupOut, *WRITE_ERRORS),
    auth=token_write,
    summary="Cancel one's sign-up for a shift (the first on the waiting list moves in)",
)
def delete_signup(request: HttpRequest, hub_slug: str, shift_id: int) -> Signup:
    shift = selectors.shift_get(hub=hub_get(slug=hub_slug), pk=shift_id)
    return services.cancel_signup(shift=shift, user=request.user)
