"""Initiative pages. Views parse the request, call a selector or a service, and render."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.accounts.selectors import has_verified_email
from apps.core.documents import attachment, inline_image
from apps.core.forms import add_service_errors
from apps.core.maps import map_tiles
from apps.core.pagination import FrozenPage, paginate, paginate_keyset
from apps.core.permissions import is_public, require
from apps.goals.selectors import tag_choices
from apps.hubs.selectors import hub_get
from apps.hubs.versions import hub_cached
from apps.initiatives import selectors, services
from apps.initiatives.forms import (
    DocumentForm,
    ImageForm,
    InitiativeForm,
    PermitForm,
    TeamMemberForm,
    TeamRoleForm,
    UpdateForm,
)
from apps.initiatives.models import Initiative, PermitStatus, TeamRole
from apps.initiatives.panels import INITIATIVE_BRIEF, INITIATIVE_HEAD, INITIATIVE_MAIN
from apps.knowledge import brief as knowledge_brief
from apps.places.models import Area


def _map_config(hub: Any, with_center: bool = False) -> dict[str, Any]:
    config: dict[str, Any] = {
        **map_tiles(),
        "geojsonUrl": reverse("api:list_initiatives", args=[hub.slug]),
    }
    if with_center:
        config["center"], config["zoom"] = selectors.map_center(hub=hub)
    return config


def _filters(request: HttpRequest) -> dict[str, str]:
    get = request.GET
    sort = get.get("sort", "newest")
    return {
        "status": get.get("status", "")[:20],
        "area": get.get("area", "")[:200],
        "goal": get.get("goal", "")[:40],
        "phase": get.get("phase", "")[:200] if selectors.has_phases() else "",
        "sort": sort if sort in selectors.SORTS else "newest",
    }


def _filter_context(hub: Any) -> dict[str, Any]:
    return {
        "statuses": Initiative.Status.choices,
        "areas": Area.objects.filter(hub=hub)
        .select_related("level")
        .order_by("level__depth", "name")
        .only("code", "name", "level__depth", "level__name"),
        "goal_choices": tag_choices(hub=hub),
        "phases": selectors.phase_choices(hub=hub),
        "has_phases": selectors.has_phases(),
        "sorts": [("newest", _("Newest")), ("title", _("Title")), ("followed", _("Most followed"))],
    }


def initiative_list(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    filters = _filters(request)
    initiatives = selectors.initiative_list(hub=hub, **filters)
    # The total is the same for every sort: one cached count per filter.
    counted = sorted((k, v) for k, v in filters.items() if k != "sort")

    def one_page() -> FrozenPage:
        page = paginate_keyset(
            request,
            initiatives,
            per_page=12,
            count=lambda: hub_cached(hub, "count:initiatives", counted, compute=initiatives.count),
        )
        page.object_list = selectors.decorate(page.object_list)
        return FrozenPage(page)

    # The same for everyone (the list shows nothing that depends on who looks): one cached page
    # per filter, sort and position, under the hub's content version.
    where = (sorted(filters.items()), request.GET.get("page", ""), request.GET.get("cursor", "")[:2000])
    page = hub_cached(hub, "initiative-list", where, compute=one_page)
    filtered = any(v for k, v in filters.items() if k != "sort")
    return render(
        request,
        "initiatives/initiative_list.html",
        {"hub": hub, "page": page, "filters": filters, "filtered": filtered, **_filter_context(hub)},
    )


def initiative_map(request: HttpRequest, hub_slug: str) -> HttpResponse:
    """The hub's map of initiatives; the list below it is the fallback without JavaScript."""
    hub = hub_get(slug=hub_slug)
    filters = _filters(request)
    filters["phase"] = ""
    page = paginate(request, selectors.initiative_list(hub=hub, **filters), per_page=48)
    config = _map_config(hub)
    config["filters"] = {k: v for k, v in filters.items() if v and k in ("status", "area", "goal")}
    return render(
        request,
        "initiatives/initiative_map.html",
        {"hub": hub, "page": page, "filters": filters, "map_data": config, **_filter_context(hub)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def initiative_create(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    require(request.user, "initiatives.submit_initiative", hub)
    form = InitiativeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                initiative = services.initiative_submit(
                    hub=hub,
                    actor=request.user,
                    title=data["title"],
                    summary=data["summary"],
                    description=data["description"],
                    place=data.get("geometry"),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, _("Thank you! Your idea is published and the stewards have been told.")
                )
                return redirect(initiative.get_absolute_url())
        status = 400
    return render(
        request,
        "initiatives/initiative_form.html",
        {"hub": hub, "form": form, "map_data": _map_config(hub, with_center=True)},
        status=status,
    )


def initiative_detail(request: HttpRequest, hub_slug: str, slug: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    initiative = selectors.initiative_get(hub=hub, slug=slug)
    detail = selectors.initiative_detail(initiative=initiative, user=request.user)
    team = detail.team
    map_data = None
    if initiative.place:
        map_data = {**_map_config(hub), "place": initiative.place}
    return render(
        request,
        "initiatives/initiative_detail.html",
        {
            "hub": hub,
            "initiative": initiative,
            "detail": detail,
            "team_shown": [m for m in team if m.user.has_public_profile],
            "team_hidden": sum(1 for m in team if not m.user.has_public_profile),
            "map_data": map_data,
            "head_panels": INITIATIVE_HEAD.render_list(hub=hub, initiative=initiative),
            "panels": INITIATIVE_MAIN.render_list(hub=hub, initiative=initiative),
            "update_form": UpdateForm()
            if request.user.has_perm("initiatives.post_update", initiative)
            else None,
        },
    )


def initiative_brief(request: HttpRequest, hub_slug: str, slug: str) -> HttpResponse:
    """The initiative's decision brief: its process state, its area's indicators, what residents
    said and its partners (sections from INITIATIVE_BRIEF), printable on A4."""
    hub = hub_get(slug=hub_slug)
    initiative = selectors.initiative_get(hub=hub, slug=slug)
    sections = INITIATIVE_BRIEF.render_list(hub=hub, initiative=initiative)
    area = initiative.area
    sources = knowledge_brief.brief_sources(area) if area else []
    footer = knowledge_brief.print_footer(
        title=_("Decision brief: %(name)s") % {"name": initiative.title}, hub_name=hub.name, sources=sources
    )
    return render(
        request,
        "initiatives/brief.html",
        {
            "hub": hub,
            "initiative": initiative,
            "sections": sections,
            "area_map": knowledge_brief.area_map_svg(area) if area else None,
            "sources": sources,
            "print_footer": knowledge_brief.css_string(footer),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def initiative_edit(request: HttpRequest, hub_slug: str, slug: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    initiative = selectors.initiative_get(hub=hub, slug=slug)
    require(request.user, "initiatives.change_initiative", initiative)
    form = InitiativeForm(
        request.POST or None, initial=InitiativeForm.initial_for(initiative), with_status=True
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.initiative_update(
                    initiative=initiative,
                    actor=request.user,
                    title=data["title"],
                    summary=data["summary"],
                    description=data["description"],
                    place=data.get("geometry"),
                    status=data["status"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The initiative was saved."))
                return redirect(initiative.get_absolute_url())
        status = 400
    return render(
        request,
        "initiatives/initiative_form.html",
        {"hub": hub, "form": form, "initiative": initiative, "map_data": _map_config(hub, with_center=True)},
        status=status,
    )


# Team ---------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def team(request: HttpRequest, hub_slug: str, slug: str) -> HttpResponse:
    """The team page: everyone in the team, and for the owner and stewards, a form to add people."""
    hub = hub_get(slug=hub_slug)
    initiative = selectors.initiative_get(hub=hub, slug=slug)
    require(request.user, "initiatives.manage_team", initiative)
    form = TeamMemberForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            # The same answer whether or not the address has an account: an invitation by e-mail.
            try:
                invitation = services.team_invite(
                    initiative=initiative,
                    actor=request.user,
                    email=form.cleaned_data["email"],
                    role=form.cleaned_data["role"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("We sent an invitation to %(email)s. They join the team when they accept it.")
                    % {"email": invitation.email},
                )
                return redirect("hubs:initiatives:team", hub_slug=hub.slug, slug=initiative.slug)
        status = 400
    return render(
        request,
        "initiatives/team.html",
        {
            "hub": hub,
            "initiative": initiative,
            "form": form,
            "members": selectors.team(initiative=initiative),
            "roles": TeamRole.choices,
        },
        status=status,
    )


@login_required
@require_POST
def team_member(request: HttpRequest, hub_slug: str, slug: str, pk: int) -> HttpResponse:
    """Change a team member's role (action=role) or remove them (action=remove)."""
    hub = hub_get(slug=hub_slug)
    initiative = selectors.initiative_get(hub=hub, slug=slug)
    member = selectors.team_member_get(initiative=initiative, pk=pk)
    require(request.user, "initiatives.manage_team", initiative)
    try:
        if request.POST.get("action") == "remove":
            services.team_member_remove(member=member, actor=request.user)
            messages.success(
                request, _("%(name)s was removed from the team.") % {"name": member.user.display_name}
            )
        else:
            form = TeamRoleForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Choose a valid role."), code="role")
            services.team_member_set_role(member=member, actor=request.user, role=form.cleaned_data["role"])
            messages.success(request, _("The role was changed."))
    except ValidationError as exc:
        return render(
            request,
            "initiatives/team.html",
            {
                "hub": hub,
                "initiative": initiative,
                "form": TeamMemberForm(),
                "members": selectors.team(initiative=initiative),
                "roles": TeamRole.choices,
                "member_errors": exc.messages,
            },
            status=400,
        )
    return redirect("hubs:initiatives:team", hub_slug=hub.slug, slug=initiative.slug)


# Updates, images, followers -----------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def update_create(request: HttpRequest, hub_slug: str, slug: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    initiative = selectors.initiative_get(hub=hub, slug=slug)
    require(request.user, "initiatives.post_update", initiative)
    form = UpdateForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.update_post(initiative=initiative, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The update was posted and the followers have been told."))
                return redirect(initiative.get_absolute_url() + "#updates")
        status = 400
    return render(
        request,
        "initiatives/update_form.html",
        {"hub": hub, "initiative": initiative, "form": form},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def image_create(request: HttpRequest, hub_slug: str, slug: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    initiative = selectors.initiative_get(hub=hub, slug=slug)
    require(request.user, "initiatives.add_image", initiative)
    form = ImageForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.image_add(initiative=initiative, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The image was added."))
                return redirect(initiative.get_absolute_url() + "#images")
        status = 400
    return render(
        request,
        "initiatives/image_form.html",
        {"hub": hub, "initiative": initiative, "form": form},
        status=status,
    )


@require_GET
def image_file(request: HttpRequest, hub_slug: str, slug: str, pk: int) -> HttpResponseBase:
    """An image of an initiative, shown inline to whoever may see the initiative."""
    hub = hub_get(slug=hub_slug)
    image = selectors.image_file_get(hub=hub, slug=slug, pk=pk)
    require(request.user, "initiatives.view_initiative", image.initiative)
    return inline_image(image.image, public=is_public("initiatives.view_initiative", image.initiative))


@login_required
@require_POST
def image_delete(request: HttpRequest, hub_slug: str, slug: str, pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    initiative = selectors.initiative_get(hub=hub, slug=slug)
    image = selectors.image_get(initiative=initiative, pk=pk)
    services.image_remove(image=image, actor=request.user)
    messages.success(request, _("The image was removed."))
    return redirect(initiative.get_absolute_url() + "#images")


@login_required
@require_POST
def follow(request: HttpRequest, hub_slug: str, slug: str) -> HttpResponse:
    """Follow (action=follow) or stop following (action=unfollow) an initiative."""
    hub = hub_get(slug=hub_slug)
    initiative = selectors.initiative_get(hub=hub, slug=slug)
    if request.POST.get("action") == "unfollow":
        services.initiative_unfollow(initiative=initiative, user=request.user)
        messages.success(request, _("You no longer follow this initiative."))
    else:
        services.initiative_follow(initiative=initiative, user=request.user)
        messages.success(request, _("You follow this initiative now. You will hear about its updates."))
    return redirect(initiative.get_absolute_url())


# Permits ------------------------------------------------------------------------------------


def _permit_context(hub: Any, initiative: Initiative, **extra: Any) -> dict[str, Any]:
    return {
        "hub": hub,
        "initiative": initiative,
        "permits": selectors.permits(initiative=initiative),
        "statuses": PermitStatus,
        **extra,
    }


@login_required
@require_http_methods(["GET", "POST"])
def permits(request: HttpRequest, hub_slug: str, slug: str) -> HttpResponse:
    """The permit checklist with a form to add a permit."""
    hub = hub_get(slug=hub_slug)
    initiative = selectors.initiative_get(hub=hub, slug=slug)
    require(request.user, "initiatives.manage_permits", initiative)
    form = PermitForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.permit_create(initiative=initiative, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The permit was added to the checklist."))
                return redirect("hubs:initiatives:permits", hub_slug=hub.slug, slug=initiative.slug)
        status = 400
    return render(
        request,
        "initiatives/permits.html",
        _permit_context(hub, initiative, form=form, document_form=DocumentForm()),
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def permit_edit(request: HttpRequest, hub_slug: str, slug: str, pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    initiative = selectors.initiative_get(hub=hub, slug=slug)
    permit = selectors.permit_get(initiative=initiative, pk=pk)
    require(request.user, "initiatives.manage_permits", initiative)
    initial = {
        "what": permit.what,
        "authority": permit.authority,
        "status": permit.status,
        "applied_on": permit.applied_on,
        "decided_on": permit.decided_on,
        "decision": permit.decision,
    }
    form = PermitForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if request.POST.get("action") == "delete":
            services.permit_delete(permit=permit, actor=request.user)
            messages.success(request, _("The permit was removed from the checklist."))
            return redirect("hubs:initiatives:permits", hub_slug=hub.slug, slug=initiative.slug)
        if form.is_valid():
            try:
                services.permit_update(permit=permit, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The permit was saved."))
                return redirect("hubs:initiatives:permits", hub_slug=hub.slug, slug=initiative.slug)
        status = 400
    return render(
        request,
        "initiatives/permit_form.html",
        {"hub": hub, "initiative": initiative, "permit": permit, "form": form},
        status=status,
    )


@login_required
@require_POST
def permit_document_create(request: HttpRequest, hub_slug: str, slug: str, pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    initiative = selectors.initiative_get(hub=hub, slug=slug)
    permit = selectors.permit_get(initiative=initiative, pk=pk)
    require(request.user, "initiatives.manage_permits", initiative)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.permit_document_add(permit=permit, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The document was added."))
            return redirect(
                reverse("hubs:initiatives:permits", args=[hub.slug, initiative.slug]) + f"#permit-{permit.pk}"
            )
    return render(
        request,
        "initiatives/permits.html",
        _permit_context(hub, initiative, form=PermitForm(), document_form=form, failed_permit=permit),
        status=400,
    )


@login_required
@require_GET
def permit_document_download(
    request: HttpRequest, hub_slug: str, slug: str, pk: int, doc: int
) -> HttpResponseBase:
    """A permit document, as a download, to the team and the hub's leads only."""
    hub = hub_get(slug=hub_slug)
    initiative = selectors.initiative_get(hub=hub, slug=slug)
    permit = selectors.permit_get(initiative=initiative, pk=pk)
    require(request.user, "initiatives.manage_permits", initiative)
    document = selectors.permit_document_get(permit=permit, pk=doc)
    return attachment(
        document.file,
        name=document.name,
        extension=services.DOCUMENT_TYPES.get(document.content_type, "bin"),
        content_type=document.content_type or "application/octet-stream",
    )


@login_required
@require_POST
def permit_document_delete(request: HttpRequest, hub_slug: str, slug: str, pk: int, doc: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    initiative = selectors.initiative_get(hub=hub, slug=slug)
    permit = selectors.permit_get(initiative=initiative, pk=pk)
    document = selectors.permit_document_get(permit=permit, pk=doc)
    services.permit_document_remove(document=document, actor=request.user)
    messages.success(request, _("The document was removed."))
    return redirect(
        reverse("hubs:initiatives:permits", args=[hub.slug, initiative.slug]) + f"#permit-{permit.pk}"
    )


@require_http_methods(["GET", "POST"])
def team_join(request: HttpRequest, hub_slug: str, slug: str, token: str) -> HttpResponse:
    """An invitation's link: sign in (or sign up) first, then accept it to join the team."""
    hub = hub_get(slug=hub_slug)
    initiative = selectors.initiative_get(hub=hub, slug=slug)
    invitation = services.team_invitation_get(initiative=initiative, token=token)
    if invitation is None:
        return render(
            request, "initiatives/team_join.html", {"hub": hub, "initiative": initiative}, status=404
        )
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.method == "POST":
        try:
            services.team_invitation_accept(initiative=initiative, token=token, user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(initiative.get_absolute_url())
        messages.success(request, _("Welcome to the team of %(title)s.") % {"title": initiative.title})
        return redirect(initiative.get_absolute_url())
    other_address = not has_verified_email(user=request.user, address=invitation.email)
    return render(
        request,
        "initiatives/team_join.html",
        {"hub": hub, "initiative": initiative, "invitation": invitation, "other_address": other_address},
        status=403 if other_address else 200,
    )
