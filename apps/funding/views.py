"""Funding pages: an initiative's budget (and CSV), its campaign with the pledge form, the team's
pledge management and grant applications. Views parse the request, call a selector or a service,
and render; every object is fetched through the hub and the initiative from the URL."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.core import csv as csv_export
from apps.core.documents import attachment
from apps.core.forms import add_service_errors
from apps.core.pagination import paginate
from apps.core.permissions import require
from apps.hubs.selectors import hub_get
from apps.initiatives import selectors as initiative_selectors

from . import selectors, services
from .forms import (
    CampaignForm,
    CostLineForm,
    GrantDocumentForm,
    GrantForm,
    MatchFundForm,
    PledgeForm,
    SourceForm,
)
from .models import Campaign, MatchFund, PledgeStatus


def _load(hub_slug: str, initiative_slug: str = "") -> tuple[Any, Any]:
    """The hub and the initiative of a page; no initiative for the hub's own financing plan."""
    hub = hub_get(slug=hub_slug)
    if not initiative_slug:
        return hub, None
    initiative = initiative_selectors.initiative_get(hub=hub, slug=initiative_slug)
    return hub, initiative


def _budget_urls(hub: Any, initiative: Any) -> dict[str, str]:
    """The budget pages' addresses, for an initiative's plan or the hub's own."""
    if initiative is None:
        args, prefix = [hub.slug], "hubs:funding:hub_"
    else:
        args, prefix = [hub.slug, initiative.slug], "hubs:funding:"
    names = ("budget", "budget_csv", "line_add", "source_add")
    urls = {name: reverse(prefix + name, args=args) for name in names}
    # Per line and per source: the address up to the id (the template adds `<id>/`).
    urls["line"] = urls["line_add"]
    urls["source"] = urls["source_add"]
    return urls


def _budget_url(hub: Any, initiative: Any, anchor: str = "") -> str:
    return _budget_urls(hub, initiative)["budget"] + anchor


# Budget -------------------------------------------------------------------------------------


def _budget_page(
    request: HttpRequest, hub: Any, initiative: Any, status: int = 200, **forms: Any
) -> HttpResponse:
    budget = selectors.budget_for(hub=hub, initiative=initiative)
    summary = selectors.budget_summary(budget)
    context = {
        "hub": hub,
        "initiative": initiative,
        "scope": initiative or hub,
        "urls": _budget_urls(hub, initiative),
        "summary": summary,
        "line_form": forms.get("line_form") or CostLineForm(prefix="line"),
        "source_form": forms.get("source_form") or SourceForm(prefix="source"),
    }
    return render(request, "funding/budget.html", context, status=status)


def budget(request: HttpRequest, hub_slug: str, initiative_slug: str = "") -> HttpResponse:
    """The financing plan: everyone reads it, the team and the hub's leads edit it."""
    hub, initiative = _load(hub_slug, initiative_slug)
    return _budget_page(request, hub, initiative)


@dataclass(frozen=True)
class _Rows:
    """What differs between a budget's cost lines and its funding sources on the pages that add,
    edit and remove one: the form, the selector, the three services, the fields and the words."""

    name: str  # "line" or "source": the form prefix, the context key and the services' argument
    form: type[forms.Form]
    get: Callable[..., Any]
    add: Callable[..., Any]
    update: Callable[..., Any]
    delete: Callable[..., None]
    fields: tuple[str, ...]
    anchor: str
    added: Any
    saved: Any
    removed: Any
    title: Any


_LINES = _Rows(
    name="line",
    form=CostLineForm,
    get=selectors.cost_line_get,
    add=services.cost_line_add,
    update=services.cost_line_update,
    delete=services.cost_line_delete,
    fields=("description", "category", "planned", "actual"),
    anchor="#costs",
    added=gettext_lazy("The cost line was added."),
    saved=gettext_lazy("The cost line was saved."),
    removed=gettext_lazy("The cost line was removed."),
    title=gettext_lazy("Edit cost line"),
)
_SOURCES = _Rows(
    name="source",
    form=SourceForm,
    get=selectors.source_get,
    add=services.source_add,
    update=services.source_update,
    delete=services.source_delete,
    fields=("kind", "description", "planned", "received", "planned_hours", "actual_hours"),
    anchor="#funding",
    added=gettext_lazy("The funding source was added."),
    saved=gettext_lazy("The funding source was saved."),
    removed=gettext_lazy("The funding source was removed."),
    title=gettext_lazy("Edit funding source"),
)


def _row_add(request: HttpRequest, hub_slug: str, initiative_slug: str, rows: _Rows) -> HttpResponse:
    hub, initiative = _load(hub_slug, initiative_slug)
    require(request.user, "funding.change_budget", initiative or hub)
    form = rows.form(request.POST, prefix=rows.name)
    if form.is_valid():
        try:
            rows.add(
                budget=selectors.budget_for(hub=hub, initiative=initiative),
                actor=request.user,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, rows.added)
            return redirect(_budget_url(hub, initiative, rows.anchor))
    return _budget_page(request, hub, initiative, status=400, **{f"{rows.name}_form": form})


def _row_edit(
    request: HttpRequest, hub_slug: str, pk: int, initiative_slug: str, rows: _Rows
) -> HttpResponse:
    hub, initiative = _load(hub_slug, initiative_slug)
    require(request.user, "funding.change_budget", initiative or hub)
    row = rows.get(budget=selectors.budget_for(hub=hub, initiative=initiative), pk=pk)
    back = _budget_url(hub, initiative, rows.anchor)
    if request.method == "POST" and "delete" in request.POST:
        try:
            rows.delete(**{rows.name: row}, actor=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, rows.removed)
        return redirect(back)
    form = rows.form(request.POST or None, initial={name: getattr(row, name) for name in rows.fields})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                rows.update(**{rows.name: row}, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, rows.saved)
                return redirect(back)
        status = 400
    context = {
        "hub": hub,
        "initiative": initiative,
        "back": _budget_url(hub, initiative),
        "form": form,
        "line": row,
        "title": rows.title,
    }
    return render(request, "funding/line_form.html", context, status=status)


@login_required
@require_POST
def line_add(request: HttpRequest, hub_slug: str, initiative_slug: str = "") -> HttpResponse:
    return _row_add(request, hub_slug, initiative_slug, _LINES)


@login_required
@require_http_methods(["GET", "POST"])
def line_edit(request: HttpRequest, hub_slug: str, pk: int, initiative_slug: str = "") -> HttpResponse:
    return _row_edit(request, hub_slug, pk, initiative_slug, _LINES)


@login_required
@require_POST
def source_add(request: HttpRequest, hub_slug: str, initiative_slug: str = "") -> HttpResponse:
    return _row_add(request, hub_slug, initiative_slug, _SOURCES)


@login_required
@require_http_methods(["GET", "POST"])
def source_edit(request: HttpRequest, hub_slug: str, pk: int, initiative_slug: str = "") -> HttpResponse:
    return _row_edit(request, hub_slug, pk, initiative_slug, _SOURCES)


@require_GET
def budget_csv(request: HttpRequest, hub_slug: str, initiative_slug: str = "") -> HttpResponse:
    """The financing plan as CSV: one row per cost line and per funding source, then totals.
    Amounts are written as plain decimals with a point (e.g. 1500.50)."""
    hub, initiative = _load(hub_slug, initiative_slug)
    summary = selectors.budget_summary(selectors.budget_for(hub=hub, initiative=initiative))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = initiative.slug if initiative is not None else hub.slug
    response["Content-Disposition"] = f'attachment; filename="budget-{name}.csv"'
    out = csv_export.writer(response)
    out.writerow(
        ["section", "type", "description", "planned", "actual", "hours_planned", "hours_actual", "currency"]
    )
    for line in summary.lines:
        out.writerow(
            ["cost", line.category, line.description, line.planned, _blank(line.actual), "", "", hub.currency]
        )
    for row in summary.sources:
        source = row.source
        out.writerow(
            [
                "funding",
                source.kind,
                source.description,
                _blank(row.planned),
                _blank(row.received),
                _blank(source.planned_hours),
                _blank(source.actual_hours),
                hub.currency,
            ]
        )
    out.writerow(["total", "costs", "", summary.planned_costs, summary.actual_costs, "", "", hub.currency])
    out.writerow(
        ["total", "funding", "", summary.planned_funding, summary.received_funding, "", "", hub.currency]
    )
    out.writerow(
        ["total", "balance", "", summary.planned_balance, summary.actual_balance, "", "", hub.currency]
    )
    return response


def _blank(value: Any) -> Any:
    return "" if value is None else value


# Campaign -----------------------------------------------------------------------------------


def _campaign_context(
    request: HttpRequest, hub: Any, initiative: Any, campaign: Campaign | None
) -> dict[str, Any]:
    user = request.user
    organisations = services.pledge_organisations(user=user)
    summary = selectors.budget_summary(selectors.budget_for(hub=hub, initiative=initiative))
    context: dict[str, Any] = {
        "hub": hub,
        "initiative": initiative,
        "campaign": campaign,
        "summary": summary,
        "can_manage": user.has_perm("funding.manage_campaign", initiative),
        "pledge_form": PledgeForm(organisations=organisations),
        "match_form": MatchFundForm(prefix="match"),
        "today": hub.today(),
    }
    if campaign is not None:
        context["totals"] = selectors.campaign_totals(campaign)
        context["page"] = paginate(request, selectors.public_pledges(campaign), per_page=20)
    if context["can_manage"] and (campaign is None or campaign.status == Campaign.Status.DRAFT):
        context["viability"] = selectors.viability(initiative=initiative, summary=summary)
    return context


def campaign(request: HttpRequest, hub_slug: str, initiative_slug: str) -> HttpResponse:
    hub, initiative = _load(hub_slug, initiative_slug)
    found = selectors.campaign_for(initiative=initiative)
    return render(request, "funding/campaign.html", _campaign_context(request, hub, initiative, found))


@login_required
@require_http_methods(["GET", "POST"])
def campaign_edit(request: HttpRequest, hub_slug: str, initiative_slug: str) -> HttpResponse:
    """Draft the campaign, or change it while it is a draft (its text also later)."""
    hub, initiative = _load(hub_slug, initiative_slug)
    require(request.user, "funding.manage_campaign", initiative)
    found = selectors.campaign_for(initiative=initiative)
    initial = (
        {"goal": found.goal, "deadline": found.deadline, "mode": found.mode, "description": found.description}
        if found
        else {}
    )
    form = CampaignForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                if found is None:
                    services.campaign_create(initiative=initiative, actor=request.user, **form.cleaned_data)
                else:
                    services.campaign_update(campaign=found, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The campaign is saved."))
                return redirect("hubs:funding:campaign", hub_slug=hub.slug, initiative_slug=initiative.slug)
        status = 400
    return render(
        request,
        "funding/campaign_form.html",
        {"hub": hub, "initiative": initiative, "campaign": found, "form": form},
        status=status,
    )


def _campaign_or_404(initiative: Any) -> Campaign:
    found = selectors.campaign_for(initiative=initiative)
    if found is None:
        raise Http404(_("This initiative has no funding campaign."))
    return found


def _refused(
    request: HttpRequest, hub: Any, initiative: Any, campaign: Campaign, exc: ValidationError
) -> HttpResponse:
    context = _campaign_context(request, hub, initiative, campaign)
    context["errors"] = exc.messages
    return render(request, "funding/campaign.html", context, status=400)


@login_required
@require_POST
def campaign_open(request: HttpRequest, hub_slug: str, initiative_slug: str) -> HttpResponse:
    hub, initiative = _load(hub_slug, initiative_slug)
    found = _campaign_or_404(initiative)
    try:
        services.campaign_open(campaign=found, actor=request.user)
    except ValidationError as exc:
        return _refused(request, hub, initiative, found, exc)
    messages.success(request, _("The campaign is open for pledges."))
    return redirect(found.get_absolute_url())


@login_required
@require_POST
def campaign_close(request: HttpRequest, hub_slug: str, initiative_slug: str) -> HttpResponse:
    hub, initiative = _load(hub_slug, initiative_slug)
    found = _campaign_or_404(initiative)
    try:
        services.campaign_close(campaign=found, actor=request.user, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        return _refused(request, hub, initiative, found, exc)
    messages.success(request, _("The campaign is closed."))
    return redirect(found.get_absolute_url())


@login_required
@require_POST
def pledge(request: HttpRequest, hub_slug: str, initiative_slug: str) -> HttpResponse:
    hub, initiative = _load(hub_slug, initiative_slug)
    found = _campaign_or_404(initiative)
    form = PledgeForm(request.POST, organisations=services.pledge_organisations(user=request.user))
    refused: ValidationError | None = None
    if form.is_valid():
        try:
            services.pledge_create(campaign=found, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
            refused = exc
        else:
            messages.success(
                request, _("Thank you! Your pledge is registered. The team will tell you how to pay.")
            )
            return redirect(found.get_absolute_url())
    context = _campaign_context(request, hub, initiative, found)
    context["pledge_form"] = form
    if refused is not None and not hasattr(refused, "error_dict"):
        context["errors"] = refused.messages  # not open, past the deadline: said at the top
    return render(request, "funding/campaign.html", context, status=400)


@login_required
@require_POST
def match_add(request: HttpRequest, hub_slug: str, initiative_slug: str) -> HttpResponse:
    hub, initiative = _load(hub_slug, initiative_slug)
    found = _campaign_or_404(initiative)
    require(request.user, "funding.manage_campaign", found)
    form = MatchFundForm(request.POST, prefix="match")
    if form.is_valid():
        try:
            services.match_fund_add(campaign=found, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The matched fund was added."))
            return redirect(found.get_absolute_url())
    context = _campaign_context(request, hub, initiative, found)
    context["match_form"] = form
    return render(request, "funding/campaign.html", context, status=400)


@login_required
@require_POST
def match_remove(request: HttpRequest, hub_slug: str, initiative_slug: str, pk: int) -> HttpResponse:
    hub, initiative = _load(hub_slug, initiative_slug)
    found = _campaign_or_404(initiative)
    fund = get_object_or_404(MatchFund.objects.select_related("organisation"), campaign=found, pk=pk)
    fund.campaign = found
    try:
        services.match_fund_remove(fund=fund, actor=request.user)
    except ValidationError as exc:
        return _refused(request, hub, initiative, found, exc)
    messages.success(request, _("The matched fund was removed."))
    return redirect(found.get_absolute_url())


@login_required
@require_GET
def pledges(request: HttpRequest, hub_slug: str, initiative_slug: str) -> HttpResponse:
    """The team's list of pledges: who, how much, and whether it has arrived."""
    hub, initiative = _load(hub_slug, initiative_slug)
    found = _campaign_or_404(initiative)
    require(request.user, "funding.manage_campaign", found)
    status = request.GET.get("status", "")
    if status not in PledgeStatus.values:
        status = ""
    page = paginate(request, selectors.team_pledges(found, status=status), per_page=25)
    return render(
        request,
        "funding/pledges.html",
        {
            "hub": hub,
            "initiative": initiative,
            "campaign": found,
            "page": page,
            "status": status,
            "statuses": PledgeStatus,
            "totals": selectors.campaign_totals(found),
        },
    )


@login_required
@require_POST
def pledge_decide(request: HttpRequest, hub_slug: str, initiative_slug: str, pk: int) -> HttpResponse:
    hub, initiative = _load(hub_slug, initiative_slug)
    found = _campaign_or_404(initiative)
    require(request.user, "funding.manage_campaign", found)
    item = selectors.pledge_get(campaign=found, pk=pk)
    back = reverse("hubs:funding:pledges", args=[hub.slug, initiative.slug])
    try:
        services.pledge_decide(pledge=item, actor=request.user, status=request.POST.get("status", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(back)
    messages.success(
        request, _("The pledge is marked %(status)s.") % {"status": item.get_status_display().lower()}
    )
    return redirect(back)


# Grant applications ------------------------------------------------------------------------


def _grants_page(
    request: HttpRequest, hub: Any, initiative: Any, status: int = 200, form: Any = None
) -> HttpResponse:
    budget_obj = selectors.budget_for(hub=hub, initiative=initiative)
    page = paginate(request, selectors.grant_applications(budget_obj), per_page=20)
    return render(
        request,
        "funding/grants.html",
        {"hub": hub, "initiative": initiative, "page": page, "form": form or GrantForm()},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def grants(request: HttpRequest, hub_slug: str, initiative_slug: str) -> HttpResponse:
    hub, initiative = _load(hub_slug, initiative_slug)
    require(request.user, "funding.manage_grants", initiative)
    if request.method == "GET":
        return _grants_page(request, hub, initiative)
    form = GrantForm(request.POST)
    if form.is_valid():
        try:
            services.grant_create(
                budget=selectors.budget_for(hub=hub, initiative=initiative),
                actor=request.user,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The grant application was added."))
            return redirect("hubs:funding:grants", hub_slug=hub.slug, initiative_slug=initiative.slug)
    return _grants_page(request, hub, initiative, status=400, form=form)


@login_required
@require_http_methods(["GET", "POST"])
def grant_edit(request: HttpRequest, hub_slug: str, initiative_slug: str, pk: int) -> HttpResponse:
    hub, initiative = _load(hub_slug, initiative_slug)
    require(request.user, "funding.manage_grants", initiative)
    application = selectors.grant_get(budget=selectors.budget_for(hub=hub, initiative=initiative), pk=pk)
    back = reverse("hubs:funding:grants", args=[hub.slug, initiative.slug])
    if request.method == "POST" and "delete" in request.POST:
        services.grant_delete(application=application, actor=request.user)
        messages.success(request, _("The grant application was removed."))
        return redirect(back)
    initial = {
        name: getattr(application, name)
        for name in (
            "funder",
            "purpose",
            "amount",
            "deadline",
            "status",
            "submitted_on",
            "amount_granted",
            "decided_on",
            "note",
        )
    }
    form = GrantForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.grant_update(application=application, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The grant application was saved."))
                return redirect(back)
        status = 400
    return _grant_page(request, hub, initiative, application, form=form, status=status)


def _grant_page(
    request: HttpRequest,
    hub: Any,
    initiative: Any,
    application: Any,
    *,
    form: Any = None,
    document_form: Any = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "funding/grant_form.html",
        {
            "hub": hub,
            "initiative": initiative,
            "application": application,
            "documents": list(application.documents.all()),
            "form": form or GrantForm(initial={}),
            "document_form": document_form or GrantDocumentForm(),
        },
        status=status,
    )


@login_required
@require_POST
def grant_document_add(request: HttpRequest, hub_slug: str, initiative_slug: str, pk: int) -> HttpResponse:
    hub, initiative = _load(hub_slug, initiative_slug)
    require(request.user, "funding.manage_grants", initiative)
    application = selectors.grant_get(budget=selectors.budget_for(hub=hub, initiative=initiative), pk=pk)
    form = GrantDocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.grant_document_add(application=application, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The document was added."))
            return redirect(
                "hubs:funding:grant", hub_slug=hub.slug, initiative_slug=initiative.slug, pk=application.pk
            )
    initial = {
        name: getattr(application, name)
        for name in ("funder", "purpose", "amount", "deadline", "status", "note")
    }
    return _grant_page(
        request, hub, initiative, application, form=GrantForm(initial=initial), document_form=form, status=400
    )


@login_required
@require_GET
def grant_document_download(
    request: HttpRequest, hub_slug: str, initiative_slug: str, pk: int, doc: int
) -> HttpResponseBase:
    """A grant document, as a download, to the team and the hub's leads only."""
    hub, initiative = _load(hub_slug, initiative_slug)
    require(request.user, "funding.manage_grants", initiative)
    application = selectors.grant_get(budget=selectors.budget_for(hub=hub, initiative=initiative), pk=pk)
    document = selectors.grant_document_get(application=application, pk=doc)
    return attachment(
        document.file,
        name=document.name,
        extension=document.extension,
        content_type=document.content_type or "application/octet-stream",
    )


@login_required
@require_POST
def grant_document_delete(
    request: HttpRequest, hub_slug: str, initiative_slug: str, pk: int, doc: int
) -> HttpResponse:
    hub, initiative = _load(hub_slug, initiative_slug)
    require(request.user, "funding.manage_grants", initiative)
    application = selectors.grant_get(budget=selectors.budget_for(hub=hub, initiative=initiative), pk=pk)
    document = selectors.grant_document_get(application=application, pk=doc)
    document.application = application
    services.grant_document_remove(document=document, actor=request.user)
    messages.success(request, _("The document was removed."))
    return redirect(
        "hubs:funding:grant", hub_slug=hub.slug, initiative_slug=initiative.slug, pk=application.pk
    )
