"""Pages of a hub's establishment (H2), for its stewards: the guided three steps, the area
(draw or upload → preview → save) and the exploratory meeting (texts, invitations).

Views parse the request, call a selector or a service and render; they work without JavaScript
(the map only enhances: a file upload, or a GeoJSON text, does the same)."""

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from apps.core.maps import map_tiles
from apps.core.markdown import render_markdown
from apps.core.permissions import require
from apps.establishment import selectors, services, texts
from apps.establishment.models import LANGUAGES, MeetingText
from apps.events.models import Event
from apps.hubs.selectors import hub_get
from apps.places.geometry import bbox
from apps.places.upload import AreaFileError, country_name, read_area
from apps.processes.forms import StartRunForm


def _lead_hub(request: HttpRequest, hub_slug: str) -> Any:
    hub = hub_get(slug=hub_slug)
    require(request.user, "establishment.lead", hub)
    return hub


def _errors(exc: ValidationError) -> str:
    return " ".join(exc.messages)


@login_required
def index(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = _lead_hub(request, hub_slug)
    guide = selectors.guide(hub=hub, user=request.user)
    can_start = guide.run is None and request.user.has_perm("processes.start_run", hub)
    return render(
        request,
        "establishment/index.html",
        {
            "hub": hub,
            "guide": guide,
            "line": guide.line,
            "run": guide.run,
            "can_start": can_start,
            "start_form": StartRunForm(hub=hub, initial_key="new-hub") if can_start else None,
            "next": reverse("hubs:establishment:index", args=[hub.slug]),
        },
    )


# The area -------------------------------------------------------------------------------


def _area_map_data(hub: Any, geometry: dict[str, Any] | None) -> dict[str, Any]:
    data: dict[str, Any] = {**map_tiles(), "geometry": geometry}
    if geometry is not None:
        min_lon, min_lat, max_lon, max_lat = bbox(geometry)
        data["bounds"] = [[min_lat, min_lon], [max_lat, max_lon]]
    else:
        data["center"], data["zoom"] = selectors.map_center(hub=hub)
    return data


def _area_form(
    request: HttpRequest, hub: Any, error: str = "", status: int = 200, name: str = ""
) -> HttpResponse:
    current = selectors.hub_area(hub=hub)
    return render(
        request,
        "establishment/area_form.html",
        {
            "hub": hub,
            "current": current,
            "error": error,
            "name": name or (current.name if current else hub.place),
            "country": country_name(hub.country),
            "map_data": _area_map_data(hub, current.geometry if current else None),
        },
        status=status,
    )


@login_required
def area(request: HttpRequest, hub_slug: str) -> HttpResponse:
    """GET: draw or upload the area. POST: check it and show it on a map before it is saved."""
    hub = _lead_hub(request, hub_slug)
    if request.method != "POST":
        return _area_form(request, hub)
    name = request.POST.get("name", "").strip()[:200]
    upload = request.FILES.get("file")
    if upload is not None:
        content: str | bytes = upload.read(5 * 1024 * 1024 + 1)
    else:
        content = request.POST.get("geometry", "")
        if not content.strip():
            return _area_form(
                request, hub, _("Draw the area on the map or choose a file to upload."), 400, name
            )
    try:
        found = read_area(content, country=hub.country)
    except AreaFileError as exc:
        return _area_form(request, hub, exc.message, 400, name)
    return render(
        request,
        "establishment/area_preview.html",
        {
            "hub": hub,
            "area": found,
            "name": name or found.name or hub.place or hub.name,
            "geometry_json": json.dumps(found.geometry, separators=(",", ":")),
            "map_data": _area_map_data(hub, found.geometry),
            "replaces": selectors.hub_area(hub=hub) is not None,
        },
    )


@login_required
@require_POST
def area_save(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = _lead_hub(request, hub_slug)
    try:
        saved = services.hub_area_save(
            hub=hub,
            actor=request.user,
            geometry=request.POST.get("geometry", ""),
            name=request.POST.get("name", ""),
        )
    except ValidationError as exc:
        return _area_form(request, hub, _errors(exc), 400, request.POST.get("name", ""))
    messages.success(request, _("The area “%(name)s” was saved.") % {"name": saved.name})
    return redirect("hubs:establishment:index", hub_slug=hub.slug)


# The exploratory meeting -----------------------------------------------------------------


def _language(request: HttpRequest, hub: Any) -> str:
    codes = [code for code, _label in LANGUAGES]
    asked = request.GET.get("language") or request.POST.get("language") or ""
    if asked in codes:
        return asked
    first = (hub.languages or ["nb"])[0]
    return first if first in codes else "en"


def _meeting_page(
    request: HttpRequest,
    hub: Any,
    *,
    status: int = 200,
    errors: dict[str, list[str]] | None = None,
    addresses: str = "",
) -> HttpResponse:
    language = _language(request, hub)
    meetings = list(selectors.exploratory_meetings(hub=hub))
    event = meetings[0] if meetings else None
    link = services.registration_link(event) if event is not None else ""
    values = texts.meeting_values(hub=hub, event=event, link=link, language=language)
    blocks = []
    for kind, label in MeetingText.Kind.choices:
        body = services.meeting_text(hub=hub, kind=kind, language=language)
        blocks.append(
            {
                "kind": kind,
                "label": label,
                "body": body,
                "preview": render_markdown(texts.fill(body, values)),
            }
        )
    invitations = list(selectors.invitations(hub=hub)[:200])
    return render(
        request,
        "establishment/meeting.html",
        {
            "hub": hub,
            "language": language,
            "languages": LANGUAGES,
            "blocks": blocks,
            "meetings": meetings,
            "placeholders": texts.PLACEHOLDERS,
            "invitations": invitations,
            "errors": errors or {},
            "addresses": addresses,
            "max_per_send": services.MAX_PER_SEND,
        },
        status=status,
    )


@login_required
def meeting(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = _lead_hub(request, hub_slug)
    return _meeting_page(request, hub)


@login_required
@require_POST
def meeting_text(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = _lead_hub(request, hub_slug)
    language = _language(request, hub)
    try:
        services.meeting_text_save(
            hub=hub,
            actor=request.user,
            kind=request.POST.get("kind", ""),
            language=language,
            body=request.POST.get("body", ""),
        )
    except ValidationError as exc:
        return _meeting_page(request, hub, status=400, errors={"text": exc.messages})
    messages.success(request, _("The text was saved."))
    return redirect(reverse("hubs:establishment:meeting", args=[hub.slug]) + f"?language={language}")


@login_required
@require_POST
def invite(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = _lead_hub(request, hub_slug)
    language = _language(request, hub)
    addresses = request.POST.get("addresses", "")[: services.MAX_ADDRESS_TEXT + 1]
    event_id = request.POST.get("event", "")
    if not event_id.isdigit():
        return _meeting_page(
            request, hub, status=400, errors={"event": [_("Choose the meeting.")]}, addresses=addresses
        )
    event = get_object_or_404(Event, hub=hub, pk=int(event_id))
    try:
        result = services.invitations_send(
            hub=hub, actor=request.user, event=event, addresses=addresses, language=language
        )
    except ValidationError as exc:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"addresses": exc.messages}
        return _meeting_page(request, hub, status=400, errors=errors, addresses=addresses)
    if result.sent:
        messages.success(
            request,
            ngettext("%(count)d invitation was sent.", "%(count)d invitations were sent.", len(result.sent))
            % {"count": len(result.sent)},
        )
    if result.already:
        messages.info(
            request,
            ngettext(
                "%(count)d address had been invited to this meeting before and was not sent to again.",
                "%(count)d addresses had been invited to this meeting before and were not sent to again.",
                len(result.already),
            )
            % {"count": len(result.already)},
        )
    return redirect(reverse("hubs:establishment:meeting", args=[hub.slug]) + f"?language={language}")
