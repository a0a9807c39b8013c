"""Organisation pages: register, view, edit, and manage representatives."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from apps.accounts.models import User
from apps.accounts.selectors import has_verified_email
from apps.core.forms import add_service_errors
from apps.organisations import selectors, services
from apps.organisations.forms import OrganisationEditForm, OrganisationForm, RepresentativeForm
from apps.organisations.panels import ORGANISATION_PAGE


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                organisation = services.organisation_create(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("%(name)s is registered.") % {"name": organisation.name})
                next_url = request.GET.get("next", "")
                if next_url.startswith("/") and not next_url.startswith("//"):
                    return redirect(next_url)
                return redirect("organisations:detail", slug=organisation.slug)
        status = 400
    return render(request, "organisations/organisation_form.html", {"form": form}, status=status)


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = selectors.organisation_get(slug=slug)
    can_edit = request.user.has_perm("organisations.change_organisation", organisation)
    return render(
        request,
        "organisations/organisation_detail.html",
        {
            "organisation": organisation,
            "can_edit": can_edit,
            "panels": ORGANISATION_PAGE.render_list(organisation=organisation, can_edit=can_edit),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = selectors.organisation_get(slug=slug)
    if not request.user.has_perm("organisations.change_organisation", organisation):
        raise PermissionDenied(_("Only the organisation's representatives can change it."))
    form = OrganisationEditForm(request.POST or None, instance=organisation)
    rep_form = RepresentativeForm()
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.organisation_update(organisation=organisation, actor=request.user, **form.cleaned_data)
            messages.success(request, _("Saved."))
            return redirect("organisations:detail", slug=organisation.slug)
        status = 400
    return render(
        request,
        "organisations/organisation_edit.html",
        {"organisation": organisation, "form": form, "rep_form": rep_form},
        status=status,
    )


@login_required
@require_POST
def representative_add(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = selectors.organisation_get(slug=slug)
    if not request.user.has_perm("organisations.change_organisation", organisation):
        raise PermissionDenied(_("Only the organisation's representatives can change it."))
    rep_form = RepresentativeForm(request.POST)
    if rep_form.is_valid():
        try:
            services.representative_invite(
                organisation=organisation, actor=request.user, **rep_form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(rep_form, exc)
        else:
            messages.success(
                request,
                _("An invitation was sent to %(email)s. They become a representative when they accept it.")
                % {"email": rep_form.cleaned_data["email"].strip().lower()},
            )
            return redirect("organisations:edit", slug=organisation.slug)
    return render(
        request,
        "organisations/organisation_edit.html",
        {
            "organisation": organisation,
            "form": OrganisationEditForm(instance=organisation),
            "rep_form": rep_form,
        },
        status=400,
    )


@login_required
@require_POST
def representative_remove(request: HttpRequest, slug: str, user_id: int) -> HttpResponse:
    organisation = selectors.organisation_get(slug=slug)
    user = get_object_or_404(User, pk=user_id)
    try:
        services.representative_remove(organisation=organisation, actor=request.user, user=user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The representative was removed."))
    return redirect("organisations:edit", slug=organisation.slug)


@require_http_methods(["GET", "POST"])
def representative_join(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """An invitation's link: sign in (or sign up) first, then accept it to represent the
    organisation."""
    organisation = selectors.organisation_get(slug=slug)
    invitation = services.representative_invitation_get(organisation=organisation, token=token)
    if invitation is None:
        return render(
            request, "organisations/representative_join.html", {"organisation": organisation}, status=404
        )
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.method == "POST":
        try:
            services.representative_invitation_accept(
                organisation=organisation, token=token, user=request.user
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("You now represent %(name)s.") % {"name": organisation.name})
        return redirect("organisations:detail", slug=organisation.slug)
    other_address = not has_verified_email(user=request.user, address=invitation.email)
    return render(
        request,
        "organisations/representative_join.html",
        {"organisation": organisation, "invitation": invitation, "other_address": other_address},
        status=403 if other_address else 200,
    )
