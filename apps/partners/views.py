"""Partner pages: an initiative's partners, an organisation's commitments in a hub, the hub's
own partners. Views parse the request, call a selector or a service, and render."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from apps.accounts.models import User
from apps.core.forms import add_service_errors
from apps.core.pagination import paginate
from apps.core.permissions import require
from apps.hubs.models import ApplicationStatus, Hub
from apps.hubs.selectors import hub_get
from apps.initiatives.models import Initiative
from apps.initiatives.selectors import initiative_get
from apps.organisations.models import Organisation
from apps.partners import selectors, services
from apps.partners.forms import CommitmentForm, CommitmentStatusForm, PartnerAddForm, PartnerRoleForm
from apps.partners.models import Partner


def _organisation_choices(hub: Hub, user: Any) -> Any:
    """Organisations one can add as a partner: the hub's approved partners, organisations that
    already partner in the hub, and those the person adding represents."""
    condition = Q(partnerships__hub=hub, partnerships__status=ApplicationStatus.APPROVED) | Q(
        partner_roles__hub=hub
    )
    if user.is_authenticated:
        condition |= Q(representative__user=user)
    return Organisation.objects.filter(condition).distinct().order_by("name")


PER_PAGE = 20


def _page(
    request: HttpRequest, hub: Hub, partners: Any, *, initiative: Initiative | None = None, **extra: Any
) -> dict[str, Any]:
    """A page of partners (20 at a time) with the totals of the whole scope."""
    page = paginate(request, partners, per_page=PER_PAGE)
    return {
        "hub": hub,
        "initiative": initiative,
        "page": page,
        "partners": list(page.object_list),
        "totals": selectors.scope_totals(hub=hub, initiative=initiative),
        **extra,
    }


def initiative_partners(request: HttpRequest, hub_slug: str, initiative_slug: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    initiative = initiative_get(hub=hub, slug=initiative_slug)
    can_manage = request.user.has_perm("partners.add_partner", initiative)
    # A partner also sees its own offers (their rows are loaded with them); everyone else the
    # agreed and delivered commitments.
    is_partner = selectors.is_partner_in(initiative=initiative, user=request.user)
    partners = selectors.initiative_partners(initiative=initiative, show_offers=can_manage or is_partner)
    context = _page(request, hub, partners, initiative=initiative, can_manage=can_manage)
    if can_manage:
        context["add_form"] = PartnerAddForm(organisations=_organisation_choices(hub, request.user))
    return render(request, "partners/initiative_partners.html", context)


def hub_partners(request: HttpRequest, hub_slug: str) -> HttpResponse:
    """The hub's own partners with what they committed to the hub itself, for the stewards and
    for anyone curious (agreed and delivered commitments are public)."""
    hub = hub_get(slug=hub_slug)
    can_manage = request.user.has_perm("partners.add_partner", hub)
    partners = selectors.hub_partners(hub=hub, show_offers=can_manage)
    context = _page(request, hub, partners, can_manage=can_manage)
    if can_manage:
        context["add_form"] = PartnerAddForm(organisations=_organisation_choices(hub, request.user))
    return render(request, "partners/hub_partners.html", context)


def organisation_partner(request: HttpRequest, hub_slug: str, organisation_slug: str) -> HttpResponse:
    """What one organisation has committed and delivered across the hub."""
    hub = hub_get(slug=hub_slug)
    organisation = get_object_or_404(Organisation, slug=organisation_slug)
    partnership = organisation.partnerships.filter(hub=hub, status=ApplicationStatus.APPROVED).first()
    probe = Partner(hub=hub, organisation=organisation)
    show_offers = request.user.has_perm("partners.view_offers", probe)
    partners = selectors.organisation_partners(hub=hub, organisation=organisation, show_offers=show_offers)
    if not partners and partnership is None:
        raise Http404(_("This organisation is not a partner in this hub."))
    can_offer = partnership is not None and request.user.has_perm("partners.offer_commitment", probe)
    return render(
        request,
        "partners/organisation_partner.html",
        _organisation_page(
            hub,
            partners,
            organisation=organisation,
            partnership=partnership,
            can_offer_to_hub=can_offer,
            show_offers=show_offers,
        ),
    )


def _organisation_page(hub: Hub, partners: list[Partner], **extra: Any) -> dict[str, Any]:
    """One organisation's partner roles in the hub (a handful: the hub and its initiatives)."""
    return {
        "hub": hub,
        "partners": partners,
        "totals": selectors.totals(selectors.all_commitments(partners), hub.hourly_rate),
        **extra,
    }


def _back(partner: Partner) -> str:
    return services.partner_url(partner)


@login_required
@require_POST
def partner_add(request: HttpRequest, hub_slug: str, initiative_slug: str = "") -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    initiative: Initiative | None = initiative_get(hub=hub, slug=initiative_slug) if initiative_slug else None
    require(request.user, "partners.add_partner", initiative or hub)
    form = PartnerAddForm(request.POST, organisations=_organisation_choices(hub, request.user))
    if form.is_valid():
        data = form.cleaned_data
        user = None
        if data["email"]:
            user = User.objects.filter(email__iexact=data["email"]).first()
            if user is None:
                form.add_error("email", _("Only approved members of the hub can be added as partners."))
        if form.is_valid():
            try:
                partner = services.partner_add(
                    actor=request.user,
                    hub=hub,
                    initiative=initiative,
                    organisation=data["organisation"],
                    user=user,
                    role=data["role"],
                    role_text=data["role_text"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("%(name)s is now a partner.") % {"name": partner.name})
                return redirect(_back(partner))
    partners = (
        selectors.initiative_partners(initiative=initiative, show_offers=True)
        if initiative
        else selectors.hub_partners(hub=hub, show_offers=True)
    )
    context = _page(request, hub, partners, initiative=initiative, can_manage=True, add_form=form)
    template = "partners/initiative_partners.html" if initiative else "partners/hub_partners.html"
    return render(request, template, context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def partner_edit(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    partner = selectors.partner_get(hub=hub, pk=pk)
    require(request.user, "partners.change_partner", partner)
    form = PartnerRoleForm(
        request.POST or None, initial={"role": partner.role, "role_text": partner.role_text}
    )
    status = 200
    if request.method == "POST":
        if "remove" in request.POST:
            try:
                services.partner_remove(actor=request.user, partner=partner)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("%(name)s is no longer a partner.") % {"name": partner.name})
                return redirect(_back(partner))
        elif form.is_valid():
            try:
                services.partner_update(actor=request.user, partner=partner, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The partner's role is saved."))
                return redirect(_back(partner))
        status = 400
    return render(
        request, "partners/partner_edit.html", {"hub": hub, "partner": partner, "form": form}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def commitment_offer(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    partner = selectors.partner_get(hub=hub, pk=pk)
    return _offer(request, hub, partner)


@login_required
@require_http_methods(["GET", "POST"])
def commitment_offer_to_hub(request: HttpRequest, hub_slug: str, organisation_slug: str) -> HttpResponse:
    """A representative of an approved partner organisation commits to the hub itself."""
    hub = hub_get(slug=hub_slug)
    organisation = get_object_or_404(
        Organisation,
        slug=organisation_slug,
        partnerships__hub=hub,
        partnerships__status=ApplicationStatus.APPROVED,
    )
    require(request.user, "partners.offer_commitment", Partner(hub=hub, organisation=organisation))
    if request.method == "POST":
        partner = services.hub_partner_for(hub=hub, organisation=organisation)
    else:
        partner = Partner(hub=hub, organisation=organisation)
    return _offer(request, hub, partner)


def _offer(request: HttpRequest, hub: Hub, partner: Partner) -> HttpResponse:
    require(request.user, "partners.offer_commitment", partner)
    form = CommitmentForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.commitment_offer(actor=request.user, partner=partner, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The commitment is recorded as offered."))
                return redirect(_back(partner))
        status = 400
    return render(
        request,
        "partners/commitment_form.html",
        {"hub": hub, "partner": partner, "form": form},
        status=status,
    )


@login_required
@require_POST
def commitment_status(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    commitment = selectors.commitment_get(hub=hub, pk=pk)
    form = CommitmentStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("A commitment cannot be moved there."))
        return _status_error(request, hub, commitment)
    try:
        services.commitment_set_status(actor=request.user, commitment=commitment, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _status_error(request, hub, commitment)
    messages.success(
        request, _("The commitment is now %(status)s.") % {"status": commitment.get_status_display().lower()}
    )
    return redirect(_back(commitment.partner))


def _status_error(request: HttpRequest, hub: Hub, commitment: Any) -> HttpResponse:
    """A refused move: the commitment's page again, with the reason, as 400."""
    return render(
        request,
        "partners/commitment_refused.html",
        {"hub": hub, "commitment": commitment, "back": _back(commitment.partner)},
        status=400,
    )
