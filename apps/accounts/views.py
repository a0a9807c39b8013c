"""A person's own pages: their profile, their memberships, and (for stewards) competences."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from apps.accounts import selectors, services
from apps.accounts.forms import ApiTokenForm, CompetenceForm, ProfileForm
from apps.accounts.models import ApiToken, Competence
from apps.accounts.panels import ME_PAGE
from apps.core.forms import add_service_errors


@login_required
def me(request: HttpRequest) -> HttpResponse:
    profile = services.profile_get_or_create(user=request.user)
    return render(
        request,
        "accounts/me.html",
        {
            "profile": profile,
            "panels": ME_PAGE.render_list(user=request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest) -> HttpResponse:
    profile = services.profile_get_or_create(user=request.user)
    form = ProfileForm(
        request.POST or None, instance=profile, initial={"name": getattr(request.user, "name", "")}
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                services.profile_update(
                    user=request.user,
                    name=data.pop("name"),
                    competences=list(data.pop("competences")),
                    consent_public_profile=data.pop("consent_public_profile"),
                    consent_public_contact=data.pop("consent_public_contact"),
                    **data,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Your profile was saved."))
                return redirect("accounts:me")
        status = 400
    return render(request, "accounts/profile_edit.html", {"form": form}, status=status)


@login_required
def competence_list(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("accounts.manage_competences"):
        raise PermissionDenied(_("Only stewards can change the list of competences."))
    return render(
        request,
        "accounts/competences.html",
        {"competences": selectors.competences_with_counts(), "form": CompetenceForm()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def competence_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if not request.user.has_perm("accounts.manage_competences"):
        raise PermissionDenied(_("Only stewards can change the list of competences."))
    competence = get_object_or_404(Competence, pk=pk) if pk else None
    form = CompetenceForm(request.POST or None, instance=competence)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.competence_save(actor=request.user, competence=competence, **form.cleaned_data)
            messages.success(request, _("The competence was saved."))
            return redirect("accounts:competences")
        status = 400
    return render(
        request, "accounts/competence_form.html", {"form": form, "competence": competence}, status=status
    )


@login_required
@require_POST
def competence_delete(request: HttpRequest, pk: int) -> HttpResponse:
    competence = get_object_or_404(Competence, pk=pk)
    services.competence_delete(actor=request.user, competence=competence)
    messages.success(request, _("The competence was removed."))
    return redirect("accounts:competences")


def admin_login(request: HttpRequest) -> HttpResponse:
    """The admin has no password form of its own: signing in goes through the site's login, with
    its rate limits and lockout (django-allauth). Staff who are signed in go on to the admin."""
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = ""
    next_url = next_url or reverse("admin:index")
    if request.user.is_authenticated:
        if request.user.is_active and request.user.is_staff:
            return redirect(next_url)
        raise PermissionDenied(_("Only the platform's staff can use the administration."))
    return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")


@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request: HttpRequest) -> HttpResponse:
    """Personal API tokens: make one (its secret is shown once), see when each was last used,
    revoke one."""
    form = ApiTokenForm(request.POST or None)
    status, secret = 200, None
    if request.method == "POST":
        if form.is_valid():
            try:
                token, secret = services.api_token_create(user=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
                status = 400
            else:
                form = ApiTokenForm()
                messages.success(request, _("The token %(name)s is made.") % {"name": token.name})
        else:
            status = 400
    return render(
        request,
        "accounts/api_tokens.html",
        {"form": form, "secret": secret, "tokens": selectors.api_tokens(user=request.user)},
        status=status,
    )


@login_required
@require_POST
def api_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    services.api_token_revoke(user=request.user, token=token)
    messages.success(request, _("The token %(name)s is revoked.") % {"name": token.name})
    return redirect("accounts:api_tokens")
