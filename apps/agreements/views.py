"""Agreement pages. Views parse the request, call a selector or a service, and render."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from apps.agreements import selectors, services
from apps.agreements.diff import diff_texts
from apps.agreements.forms import AgreementForm, SignForm, VerifyForm, VersionForm
from apps.agreements.models import Agreement, AgreementVersion
from apps.agreements.pdf import agreement_pdf
from apps.core.forms import add_service_errors
from apps.core.pagination import paginate
from apps.core.permissions import require
from apps.hubs.models import Hub
from apps.hubs.selectors import hub_get
from apps.organisations.models import Organisation


def _agreement(request: HttpRequest, hub_slug: str, pk: int) -> tuple[Hub, Agreement]:
    hub = hub_get(slug=hub_slug)
    agreement = selectors.agreement_get(hub=hub, pk=pk)
    require(request.user, "agreements.view_agreement", agreement)
    return hub, agreement


def agreement_list(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    page = paginate(request, selectors.agreements(hub=hub, user=request.user), per_page=12)
    return render(request, "agreements/agreement_list.html", {"hub": hub, "page": page})


@login_required
@require_http_methods(["GET", "POST"])
def agreement_create(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    require(request.user, "agreements.add_agreement", hub)
    form = AgreementForm(request.POST or None, hub=hub)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                agreement = services.agreement_create(
                    hub=hub,
                    actor=request.user,
                    title=form.cleaned_data["title"],
                    starts_on=form.cleaned_data["starts_on"],
                    ends_on=form.cleaned_data["ends_on"],
                    organisations=list(form.cleaned_data["organisations"]),
                    initiative=form.cleaned_data["initiative"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, _("Draft version 1 is written from the template. Read it and edit it.")
                )
                return redirect(agreement.get_absolute_url())
        status = 400
    return render(request, "agreements/agreement_form.html", {"hub": hub, "form": form}, status=status)


def _detail_context(request: HttpRequest, hub: Hub, agreement: Agreement) -> dict[str, Any]:
    latest = selectors.latest_version(agreement)
    return {
        "hub": hub,
        "agreement": agreement,
        "latest": latest,
        "versions": list(agreement.versions.all()),
        "parties": selectors.party_status(agreement),
        "signable": services.signable_organisations(agreement=agreement, user=request.user),
    }


def agreement_detail(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub, agreement = _agreement(request, hub_slug, pk)
    return render(request, "agreements/agreement_detail.html", _detail_context(request, hub, agreement))


@login_required
@require_http_methods(["GET", "POST"])
def agreement_edit(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub, agreement = _agreement(request, hub_slug, pk)
    _refuse_if_signed(agreement)
    require(request.user, "agreements.change_agreement", agreement)
    initial = {
        "title": agreement.title,
        "starts_on": agreement.starts_on,
        "ends_on": agreement.ends_on,
        "organisations": [p.organisation for p in agreement.parties.all()],
    }
    form = AgreementForm(request.POST or None, hub=hub, initial=initial, with_initiative=False)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.agreement_update(
                    agreement=agreement,
                    actor=request.user,
                    title=form.cleaned_data["title"],
                    starts_on=form.cleaned_data["starts_on"],
                    ends_on=form.cleaned_data["ends_on"],
                    organisations=list(form.cleaned_data["organisations"]),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The agreement is updated."))
                return redirect(agreement.get_absolute_url())
        status = 400
    return render(
        request,
        "agreements/agreement_form.html",
        {"hub": hub, "form": form, "agreement": agreement},
        status=status,
    )


def _refuse_if_signed(agreement: Agreement) -> None:
    if agreement.is_signed:
        raise PermissionDenied(_("This agreement is signed by every party and can no longer be changed."))


@login_required
@require_POST
def agreement_open(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub, agreement = _agreement(request, hub_slug, pk)
    try:
        services.agreement_open_for_signing(agreement=agreement, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return render(
            request, "agreements/agreement_detail.html", _detail_context(request, hub, agreement), status=400
        )
    messages.success(request, _("The agreement is open for signing. The parties' representatives are told."))
    return redirect(agreement.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def version_create(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub, agreement = _agreement(request, hub_slug, pk)
    _refuse_if_signed(agreement)
    require(request.user, "agreements.change_agreement", agreement)
    latest = selectors.latest_version(agreement)
    initial = {"text": latest.text if latest else "", "based_on": latest.number if latest else None}
    form = VersionForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                version = services.version_create(
                    agreement=agreement,
                    actor=request.user,
                    text=form.cleaned_data["text"],
                    note=form.cleaned_data["note"],
                    based_on=form.cleaned_data["based_on"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Version %(number)d is saved.") % {"number": version.number})
                return redirect(version.get_absolute_url())
        status = 400
    return render(
        request,
        "agreements/version_form.html",
        {"hub": hub, "agreement": agreement, "latest": latest, "form": form},
        status=status,
    )


def version_detail(request: HttpRequest, hub_slug: str, pk: int, number: int) -> HttpResponse:
    hub, agreement = _agreement(request, hub_slug, pk)
    version = selectors.version_of(agreement, number)
    previous = selectors.previous_of(agreement, version)
    latest = selectors.latest_version(agreement)
    return render(
        request,
        "agreements/version_detail.html",
        {
            "hub": hub,
            "agreement": agreement,
            "version": version,
            "previous": previous,
            "latest": latest,
            "diff": diff_texts(previous.text, version.text) if previous else None,
            "signatures": selectors.signatures_of(agreement, version),
        },
    )


def _sign_context(request: HttpRequest, hub: Hub, agreement: Agreement, form: SignForm | None = None) -> dict:  # type: ignore[type-arg]
    latest = selectors.latest_version(agreement)
    return {
        "hub": hub,
        "agreement": agreement,
        "version": latest,
        "signable": services.signable_organisations(agreement=agreement, user=request.user),
        "form": form or SignForm(),
        "signatures": selectors.signatures_of(agreement, latest) if latest else [],
    }


@login_required
@require_http_methods(["GET", "POST"])
def sign(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    """The exact latest version and one button per organisation the person may sign for; the
    form carries the version's number and hash, and the service checks both."""
    hub, agreement = _agreement(request, hub_slug, pk)
    if request.method == "GET":
        return render(request, "agreements/sign.html", _sign_context(request, hub, agreement))
    form = SignForm(request.POST)
    if form.is_valid():
        organisation = get_object_or_404(Organisation, pk=form.cleaned_data["organisation"])
        try:
            services.agreement_sign(
                agreement=agreement,
                actor=request.user,
                organisation=organisation,
                number=form.cleaned_data["number"],
                sha256=form.cleaned_data["sha256"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            agreement.refresh_from_db(fields=["status"])
            if agreement.is_signed:
                messages.success(
                    request, _("Every party has signed. The agreement is signed and can no longer change.")
                )
            else:
                messages.success(
                    request,
                    _("You signed version %(number)d for %(name)s.")
                    % {"number": form.cleaned_data["number"], "name": organisation.name},
                )
            return redirect(agreement.get_absolute_url())
    agreement = selectors.agreement_get(hub=hub, pk=pk)
    return render(request, "agreements/sign.html", _sign_context(request, hub, agreement, form), status=400)


def print_view(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub, agreement = _agreement(request, hub_slug, pk)
    version = _shown_version(request, agreement)
    signed = {s.organisation_id: s for s in selectors.signatures_of(agreement, version)}
    rows = [(party, signed.get(party.organisation_id)) for party in agreement.parties.all()]
    return render(
        request,
        "agreements/print.html",
        {"hub": hub, "agreement": agreement, "version": version, "rows": rows},
    )


def _shown_version(request: HttpRequest, agreement: Agreement) -> AgreementVersion:
    """The version asked for by ?version=, else the signed one, else the latest."""
    raw = request.GET.get("version", "")
    if raw.isdigit():
        return selectors.version_of(agreement, int(raw))
    if agreement.signed_version_id:
        return selectors.version_of(agreement, agreement.signed_version.number)  # type: ignore[union-attr]
    latest = selectors.latest_version(agreement)
    if latest is None:
        raise Http404
    return latest


def pdf(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    _hub, agreement = _agreement(request, hub_slug, pk)
    version = _shown_version(request, agreement)
    data = agreement_pdf(
        agreement=agreement,
        version=version,
        signatures=selectors.signatures_of(agreement, version),
        parties=list(agreement.parties.all()),
    )
    response = HttpResponse(data, content_type="application/pdf")
    name = f"{slugify(agreement.title)[:60] or 'agreement'}-v{version.number}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest, hub_slug: str) -> HttpResponse:
    """Public: does a text, a file or a hash match a version every party signed?"""
    hub = hub_get(slug=hub_slug)
    status = 200
    digest: str | None = None
    found: list[AgreementVersion] = []
    checked = False
    if request.method == "POST":
        form = VerifyForm(request.POST, request.FILES)
    elif request.GET.get("sha256"):
        form = VerifyForm({"sha256": request.GET["sha256"]})
    else:
        form = VerifyForm()
    if form.is_bound:
        if form.is_valid():
            data = form.cleaned_data
            text = data["text"] or data["file"]
            digest, found = selectors.verify(hub=hub, text=text or None, sha256=data["sha256"] or None)
            if digest is None:
                form.add_error("sha256", _("A SHA-256 is 64 hexadecimal digits (0–9, a–f)."))
                status = 400
            else:
                checked = True
        else:
            status = 400
    return render(
        request,
        "agreements/verify.html",
        {"hub": hub, "form": form, "digest": digest, "found": found, "checked": checked},
        status=status,
    )
