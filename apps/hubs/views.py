"""Hub pages. Views parse the request, call a selector or a service, and render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from apps.accounts.models import Competence
from apps.audit.selectors import audit_entries
from apps.core.csv import writer as csv_writer
from apps.core.forms import add_service_errors
from apps.core.pagination import paginate, paginate_keyset
from apps.core.permissions import require
from apps.hubs import panels, selectors, services
from apps.hubs.forms import (
    AuditLogFilterForm,
    DecisionForm,
    HubBoundsForm,
    HubSettingsForm,
    MembershipApplicationForm,
    PartnershipApplicationForm,
    RolesForm,
    WorkingGroupForm,
)
from apps.hubs.models import Hub, Membership, Partnership, WorkingGroup
from apps.hubs.versions import hub_cached
from apps.organisations.models import Organisation


def hub_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors.hub_list(), per_page=12)
    return render(request, "hubs/hub_list.html", {"page": page})


def hub_home(request: HttpRequest, hub_slug: str) -> HttpResponse:
    """The hub's front page: what is happening now and one first step for this visitor (join;
    share an idea; a steward's queue), then what the hub is, its groups, partners and goals."""
    hub = selectors.hub_get_with_cached_counts(slug=hub_slug)
    user = request.user
    is_steward = user.has_perm("hubs.view_applications", hub)
    pending_count = selectors.pending_application_count(hub=hub) if is_steward else 0
    steward_links = panels.HUB_STEWARD_LINKS.render_list(hub=hub, user=user) if is_steward else []
    now = panels.HUB_NOW.render_list(hub=hub, user=user)
    below = panels.HUB_BELOW.render_list(hub=hub, user=user)
    assets: dict[str, list[str]] = {"styles": [], "scripts": []}
    for item in [*now, *below]:
        for kind, names in assets.items():
            names.extend(name for name in item["panel"].extra.get(kind, []) if name not in names)
    return render(
        request,
        "hubs/hub_home.html",
        {
            "hub": hub,
            "membership": selectors.membership_for(hub=hub, user=user),
            **selectors.home_lists(hub=hub),
            "pending_count": pending_count,
            "queue_total": pending_count + sum(link["count"] or 0 for link in steward_links),
            "head_panels": panels.HUB_HEAD.render_list(hub=hub, user=user),
            "notices": panels.HUB_NOTICES.render_list(hub=hub, user=user),
            "now": now,
            "below": below,
            "assets": assets,
            "first_steps": panels.HUB_FIRST_STEPS.render_list(hub=hub, user=user),
            "take_part": panels.HUB_TAKE_PART.render_list(hub=hub, user=user),
            "steward_links": steward_links,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def membership_apply(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = selectors.hub_get(slug=hub_slug)
    membership = selectors.membership_for(hub=hub, user=request.user)
    form = MembershipApplicationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.membership_apply(hub=hub, user=request.user, message=form.cleaned_data["message"])
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Thank you! The stewards of %(hub)s will look at your application.")
                    % {"hub": hub.name},
                )
                return redirect("hubs:home", hub_slug=hub.slug)
        status = 400
    return render(
        request,
        "hubs/membership_apply.html",
        {"hub": hub, "form": form, "membership": membership},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def partnership_apply(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = selectors.hub_get(slug=hub_slug)
    form = PartnershipApplicationForm(request.POST or None, user=request.user)  # type: ignore[arg-type]
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.partnership_apply(
                    hub=hub,
                    organisation=form.cleaned_data["organisation"],
                    actor=request.user,
                    contribution=form.cleaned_data["contribution"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Thank you! The stewards will look at your application."))
                return redirect("hubs:home", hub_slug=hub.slug)
        status = 400
    has_organisations = form.fields["organisation"].queryset.exists()  # type: ignore[attr-defined]
    return render(
        request,
        "hubs/partnership_apply.html",
        {"hub": hub, "form": form, "has_organisations": has_organisations},
        status=status,
    )


@login_required
@require_POST
def membership_leave(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = selectors.hub_get(slug=hub_slug)
    membership = get_object_or_404(Membership, hub=hub, user=request.user)
    services.membership_leave(membership=membership, actor=request.user)
    messages.success(request, _("You have left %(hub)s.") % {"hub": hub.name})
    return redirect("hubs:home", hub_slug=hub.slug)


def member_directory(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = selectors.hub_get(slug=hub_slug)
    query = request.GET.get("q", "")[:100]
    competence = request.GET.get("competence", "")[:60]
    members = selectors.public_members(hub=hub, query=query, competence=competence)
    page = paginate_keyset(
        request,
        members,
        count=lambda: hub_cached(hub, "count:public_members", competence, query, compute=members.count),
    )
    return render(
        request,
        "hubs/member_directory.html",
        {
            "hub": hub,
            "page": page,
            "query": query,
            "competence": competence,
            "competences": Competence.objects.all(),
        },
    )


def member_detail(request: HttpRequest, hub_slug: str, user_id: int) -> HttpResponse:
    hub = selectors.hub_get(slug=hub_slug)
    membership = selectors.public_member_get(hub=hub, user_id=user_id)
    return render(request, "hubs/member_detail.html", {"hub": hub, "membership": membership})


def partner_list(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = selectors.hub_get(slug=hub_slug)
    org_type = request.GET.get("type", "")
    if org_type not in Organisation.Type.values:
        org_type = ""
    partnerships = selectors.partners(hub=hub, type=org_type)
    page = paginate_keyset(
        request,
        partnerships,
        count=lambda: hub_cached(hub, "count:partners", org_type, compute=partnerships.count),
    )
    return render(
        request,
        "hubs/partner_list.html",
        {
            "hub": hub,
            "page": page,
            "type": org_type,
            "types": Organisation.Type.choices,
            "panels": panels.HUB_PARTNER_LIST.render_list(hub=hub, user=request.user),
        },
    )


def working_group_list(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = selectors.hub_get(slug=hub_slug)
    page = paginate(request, selectors.working_groups(hub=hub))
    return render(request, "hubs/working_group_list.html", {"hub": hub, "page": page})


def _group_context(hub: Hub, group: WorkingGroup, members: list, is_in_group: bool) -> dict:  # type: ignore[type-arg]
    """Only members who consented to a public profile are named; the others are counted."""
    shown = [m for m in members if m.user.has_public_profile]
    return {
        "hub": hub,
        "group": group,
        "members": shown,
        "member_total": len(members),
        "hidden_count": len(members) - len(shown),
        "lead_shown": group.lead is not None and group.lead.has_public_profile,
        "is_in_group": is_in_group,
    }


def working_group_detail(request: HttpRequest, hub_slug: str, group_slug: str) -> HttpResponse:
    hub = selectors.hub_get(slug=hub_slug)
    group = selectors.working_group_get(hub=hub, slug=group_slug)
    members = list(selectors.working_group_members(group=group))
    is_in_group = request.user.is_authenticated and any(m.user_id == request.user.pk for m in members)
    return render(request, "hubs/working_group_detail.html", _group_context(hub, group, members, is_in_group))


@login_required
@require_http_methods(["GET", "POST"])
def working_group_create(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = selectors.hub_get(slug=hub_slug)
    require(request.user, "hubs.add_working_group", hub)
    form = WorkingGroupForm(request.POST or None, hub=hub)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                group = services.working_group_create(hub=hub, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The working group was created."))
                return redirect("hubs:working_group", hub_slug=hub.slug, group_slug=group.slug)
        status = 400
    return render(request, "hubs/working_group_form.html", {"hub": hub, "form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def working_group_edit(request: HttpRequest, hub_slug: str, group_slug: str) -> HttpResponse:
    hub = selectors.hub_get(slug=hub_slug)
    group = selectors.working_group_get(hub=hub, slug=group_slug)
    require(request.user, "hubs.change_working_group", group)
    initial = {"name": group.name, "theme": group.theme, "description": group.description, "lead": group.lead}
    form = WorkingGroupForm(request.POST or None, hub=hub, initial=initial)
    if not request.user.has_perm("hubs.add_working_group", hub):
        form.fields["lead"].disabled = True
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.working_group_update(group=group, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The working group was saved."))
                return redirect("hubs:working_group", hub_slug=hub.slug, group_slug=group.slug)
        status = 400
    return render(
        request, "hubs/working_group_form.html", {"hub": hub, "form": form, "group": group}, status=status
    )


@login_required
@require_POST
def working_group_membership(request: HttpRequest, hub_slug: str, group_slug: str) -> HttpResponse:
    """Join or leave a working group (the button posts `action=join` or `action=leave`)."""
    hub = selectors.hub_get(slug=hub_slug)
    group = selectors.working_group_get(hub=hub, slug=group_slug)
    try:
        if request.POST.get("action") == "leave":
            services.working_group_leave(group=group, user=request.user)
            messages.success(request, _("You have left the working group."))
        else:
            services.working_group_join(group=group, user=request.user)
            messages.success(request, _("Welcome to the working group!"))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        members = list(selectors.working_group_members(group=group))
        is_in_group = any(m.user_id == request.user.pk for m in members)
        return render(
            request,
            "hubs/working_group_detail.html",
            _group_context(hub, group, members, is_in_group),
            status=400,
        )
    return redirect("hubs:working_group", hub_slug=hub.slug, group_slug=group.slug)


# Stewards ------------------------------------------------------------------------------


@login_required
def applications(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = selectors.hub_get(slug=hub_slug)
    require(request.user, "hubs.view_applications", hub)
    return render(
        request,
        "hubs/applications.html",
        {
            "hub": hub,
            "memberships": selectors.pending_memberships(hub=hub),
            "partnerships": selectors.pending_partnerships(hub=hub),
            "can_decide": request.user.has_perm("hubs.decide_application", hub),
            "form": DecisionForm(),
        },
    )


def _decide(request: HttpRequest, hub: Hub, application: Membership | Partnership) -> HttpResponse:
    form = DecisionForm(request.POST)
    if form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        reason = form.cleaned_data["reason"]
        try:
            if isinstance(application, Membership):
                services.membership_decide(
                    membership=application, actor=request.user, approve=approve, reason=reason
                )
            else:
                services.partnership_decide(
                    partnership=application, actor=request.user, approve=approve, reason=reason
                )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Approved.") if approve else _("Rejected. The applicant has been told why.")
            )
            return redirect("hubs:applications", hub_slug=hub.slug)
    messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return render(
        request,
        "hubs/applications.html",
        {
            "hub": hub,
            "memberships": selectors.pending_memberships(hub=hub),
            "partnerships": selectors.pending_partnerships(hub=hub),
            "can_decide": True,
            "form": DecisionForm(),
        },
        status=400,
    )


@login_required
@require_POST
def membership_decide(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub = selectors.hub_get(slug=hub_slug)
    require(request.user, "hubs.decide_application", hub)
    membership = get_object_or_404(Membership, hub=hub, pk=pk)
    return _decide(request, hub, membership)


@login_required
@require_POST
def partnership_decide(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub = selectors.hub_get(slug=hub_slug)
    require(request.user, "hubs.decide_application", hub)
    partnership = get_object_or_404(Partnership, hub=hub, pk=pk)
    return _decide(request, hub, partnership)


@login_required
def roles(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = selectors.hub_get(slug=hub_slug)
    require(request.user, "hubs.assign_roles", hub)
    page = paginate(request, selectors.approved_members(hub=hub), per_page=50)
    return render(request, "hubs/roles.html", {"hub": hub, "page": page})


@login_required
@require_POST
def roles_update(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub = selectors.hub_get(slug=hub_slug)
    require(request.user, "hubs.assign_roles", hub)
    membership = get_object_or_404(Membership, hub=hub, pk=pk)
    form = RolesForm(request.POST)
    if form.is_valid():
        try:
            services.membership_set_roles(membership=membership, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("hubs:roles", hub_slug=hub.slug)
        messages.success(request, _("Roles saved for %(name)s.") % {"name": membership.user.display_name})
    return redirect("hubs:roles", hub_slug=hub.slug)


@login_required
@require_http_methods(["GET", "POST"])
def hub_settings(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = get_object_or_404(Hub, slug=hub_slug)
    require(request.user, "hubs.change_hub", hub)
    posted_bounds = request.method == "POST" and request.POST.get("form") == "bounds"
    bounds_initial = {
        "bounds_min_lon": hub.bounds_min_lon,
        "bounds_min_lat": hub.bounds_min_lat,
        "bounds_max_lon": hub.bounds_max_lon,
        "bounds_max_lat": hub.bounds_max_lat,
    }
    bounds_form = HubBoundsForm(request.POST if posted_bounds else None, initial=bounds_initial)
    form = HubSettingsForm(None if posted_bounds else (request.POST or None), instance=hub)
    context = {"hub": hub, "form": form, "bounds_form": bounds_form}
    if posted_bounds:
        if bounds_form.is_valid():
            try:
                services.hub_set_bounds(hub=hub, actor=request.user, **bounds_form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(bounds_form, exc)
            else:
                messages.success(request, _("The hub's bounding box was saved."))
                return redirect("hubs:settings", hub_slug=hub.slug)
        return render(request, "hubs/hub_settings.html", context, status=400)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.hub_update(hub=hub, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The hub's settings were saved."))
                return redirect("hubs:home", hub_slug=hub.slug)
        status = 400
    return render(request, "hubs/hub_settings.html", context, status=status)


AUDIT_PAGE_SIZE = 50


def _audit_filters(form: AuditLogFilterForm) -> dict:
    """The selector's filters from a valid filter form."""
    data = form.cleaned_data
    return {
        "action_prefix": f"{data['group']}." if data["group"] else "",
        "action": data["action"],
        "who": data["who"].strip(),
        "text": data["text"].strip(),
        "since": data["since"],
        "until": data["until"],
    }


@login_required
def audit_log(request: HttpRequest, hub_slug: str) -> HttpResponse:
    """Every change of power and every moderation in the hub: who did what, when and why, with
    filters. Entries cannot be changed. Bad filters answer 400 with their errors and the whole log."""
    hub = selectors.hub_get(slug=hub_slug)
    require(request.user, "hubs.view_audit_log", hub)
    form = AuditLogFilterForm(request.GET or None)
    filters: dict = {}
    status = 200
    if request.GET:
        if form.is_valid():
            filters = _audit_filters(form)
        else:
            status = 400
    page = paginate(request, audit_entries(hub=hub, zone=hub.zone, **filters), per_page=AUDIT_PAGE_SIZE)
    return render(
        request,
        "hubs/audit_log.html",
        {
            "hub": hub,
            "page": page,
            "form": form,
            "filtered": any(filters.values()),
            "export_query": request.GET.urlencode() if status == 200 else "",
        },
        status=status,
    )


@login_required
def audit_log_export(request: HttpRequest, hub_slug: str) -> HttpResponse:
    """The audit log as CSV for the hub's stewards, with the page's filters (read in batches of
    a thousand, actor and type joined, so the queries do not grow with each entry)."""
    hub = selectors.hub_get(slug=hub_slug)
    require(request.user, "hubs.view_audit_log", hub)
    form = AuditLogFilterForm(request.GET or None)
    filters: dict = {}
    if request.GET:
        if not form.is_valid():
            page = paginate(request, audit_entries(hub=hub, zone=hub.zone), per_page=AUDIT_PAGE_SIZE)
            context = {"hub": hub, "page": page, "form": form, "filtered": False, "export_query": ""}
            return render(request, "hubs/audit_log.html", context, status=400)
        filters = _audit_filters(form)
    entries = audit_entries(hub=hub, zone=hub.zone, **filters)
    zone = hub.zone
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="audit-{hub.slug}.csv"'
    response["Cache-Control"] = "private, no-store"
    response.write("\ufeff")  # spreadsheets then read the file as UTF-8
    out = csv_writer(response)
    out.writerow(
        [_("When"), _("Who"), _("E-mail"), _("Action"), _("Code"), _("Type"), _("Id"), _("What"), _("Reason")]
    )
    for entry in entries.iterator(chunk_size=1000):
        out.writerow(
            [
                entry.created.astimezone(zone).isoformat(timespec="seconds"),
                entry.actor.display_name if entry.actor else "",
                entry.actor.email if entry.actor else "",
                entry.action_label,
                entry.action,
                entry.target_type.name if entry.target_type else "",
                entry.target_id,
                entry.target_repr,
                entry.reason,
            ]
        )
    return response
