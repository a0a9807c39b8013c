"""Result pages: the hub's overview, a space's results and reports (the hub's own or an
initiative's), forms for the team, and the permission-checked evidence download."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.core.documents import attachment, inline_image
from apps.core.forms import add_service_errors
from apps.core.pagination import paginate
from apps.core.permissions import is_public, require
from apps.hubs.selectors import hub_get
from apps.participation.spaces import Space, space_from_key
from apps.results import selectors, services
from apps.results.forms import EvidenceForm, PhotoForm, ReportForm, ResultForm
from apps.results.models import ProgressReport, Result


def _space(hub: Any, key: str) -> Space:
    space = space_from_key(hub, key)
    if space.area is not None:
        raise Http404("Areas have no results of their own.")
    return space


def _scope(space: Space) -> Any:
    return space.initiative or space.hub


def _space_of(obj: Result | ProgressReport) -> Space:
    return Space(hub=obj.hub, initiative=obj.initiative)


def overview(request: HttpRequest, hub_slug: str) -> HttpResponse:
    """The hub's results: its own, the initiatives that report results, the latest final reports."""
    hub = hub_get(slug=hub_slug)
    page = paginate(
        request,
        selectors.published_results(hub=hub)
        .exclude(initiative=None)
        .select_related(None)
        .select_related("hub", "initiative__hub", "indicator", "area"),
        per_page=12,
    )
    results = selectors.with_results(page.object_list)
    return render(
        request,
        "results/overview.html",
        {
            "hub": hub,
            "space": Space(hub=hub),
            "own": selectors.results_for(hub=hub, initiative=None, user=request.user),
            "page": page,
            "results": results,
            "finals": selectors.final_reports(hub=hub),
        },
    )


def space_results(request: HttpRequest, hub_slug: str, space_key: str) -> HttpResponse:
    """A space's results page: its desired results with targets and data, and its reports in time order."""
    hub = hub_get(slug=hub_slug)
    space = _space(hub, space_key)
    page = paginate(
        request, selectors.reports_for(hub=hub, initiative=space.initiative, user=request.user), 10
    )
    return render(
        request,
        "results/space.html",
        {
            "hub": hub,
            "space": space,
            "scope": _scope(space),
            "results": selectors.results_for(hub=hub, initiative=space.initiative, user=request.user),
            "page": page,
        },
    )


def _form_page(request: HttpRequest, template: str, context: dict[str, Any], status: int) -> HttpResponse:
    return render(request, template, context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def result_create(request: HttpRequest, hub_slug: str, space_key: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    space = _space(hub, space_key)
    require(request.user, "results.manage_results", _scope(space))
    form = ResultForm(request.POST or None, hub=hub, initiative=space.initiative)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                result = services.result_create(
                    hub=hub,
                    initiative=space.initiative,
                    actor=request.user,
                    publish=request.POST.get("publish") == "1",
                    **form.cleaned_data,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The result is saved."))
                return redirect(result.get_absolute_url())
        status = 400
    return _form_page(
        request,
        "results/result_form.html",
        {"hub": hub, "space": space, "form": form, "result": None},
        status,
    )


def result_detail(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    result = selectors.result_get(hub=hub, pk=pk)
    require(request.user, "results.view_result", result)
    selectors.decorate([result])
    reports = selectors.reports_for(hub=hub, initiative=result.initiative, user=request.user).filter(
        result=result
    )
    return render(
        request,
        "results/result_detail.html",
        {"hub": hub, "space": _space_of(result), "result": result, "reports": list(reports[:50])},
    )


@login_required
@require_http_methods(["GET", "POST"])
def result_edit(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    result = selectors.result_get(hub=hub, pk=pk)
    require(request.user, "results.manage_results", result)
    form = ResultForm(
        request.POST or None, hub=hub, initiative=result.initiative, initial=ResultForm.initial_for(result)
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.result_update(result=result, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The result is saved."))
                return redirect(result.get_absolute_url())
        status = 400
    return _form_page(
        request,
        "results/result_form.html",
        {"hub": hub, "space": _space_of(result), "form": form, "result": result},
        status,
    )


@login_required
@require_POST
def result_status(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    result = selectors.result_get(hub=hub, pk=pk)
    require(request.user, "results.manage_results", result)
    try:
        services.result_set_status(result=result, actor=request.user, status=request.POST.get("status", ""))
    except ValidationError as exc:
        return HttpResponse(" ".join(exc.messages), status=400)
    messages.success(
        request, _("The result is published.") if result.is_published else _("The result is a draft.")
    )
    return redirect(result.get_absolute_url())


@login_required
@require_POST
def result_delete(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    result = selectors.result_get(hub=hub, pk=pk)
    space = _space_of(result)
    services.result_delete(result=result, actor=request.user)
    messages.success(request, _("The result is deleted."))
    return redirect("hubs:results:space", hub_slug=hub.slug, space_key=space.key)


# Reports --------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def report_create(request: HttpRequest, hub_slug: str, space_key: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    space = _space(hub, space_key)
    require(request.user, "results.manage_results", _scope(space))
    form = ReportForm(request.POST or None, hub=hub, initiative=space.initiative)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                report = services.report_create(
                    hub=hub, initiative=space.initiative, actor=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, _("The report is saved as a draft. Add evidence and photos, then publish it.")
                )
                return redirect(report.get_absolute_url())
        status = 400
    return _form_page(
        request,
        "results/report_form.html",
        {"hub": hub, "space": space, "form": form, "report": None},
        status,
    )


def _report_context(request: HttpRequest, report: ProgressReport, **extra: Any) -> dict[str, Any]:
    return {
        "hub": report.hub,
        "space": _space_of(report),
        "report": report,
        "photos": list(report.photos.all()),
        "documents": list(report.documents.all()),
        "evidence_form": EvidenceForm(prefix="ev"),
        "photo_form": PhotoForm(prefix="ph"),
        **extra,
    }


def report_detail(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    report = selectors.report_get(hub=hub, pk=pk)
    require(request.user, "results.view_report", report)
    return render(request, "results/report_detail.html", _report_context(request, report))


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    report = selectors.report_get(hub=hub, pk=pk)
    require(request.user, "results.manage_results", report)
    initial = {
        "title": report.title,
        "text": report.text,
        "result": report.result_id,
        "value": report.value.normalize() if report.value is not None else "",
        "measured_on": report.measured_on,
        "evidence_url": report.evidence_url,
    }
    form = ReportForm(
        request.POST or None, hub=hub, initiative=report.initiative, final=False, initial=initial
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.report_update(report=report, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The report is saved."))
                return redirect(report.get_absolute_url())
        status = 400
    return _form_page(
        request,
        "results/report_form.html",
        {"hub": hub, "space": _space_of(report), "form": form, "report": report},
        status,
    )


@login_required
@require_POST
def report_publish(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    report = selectors.report_get(hub=hub, pk=pk)
    try:
        told = services.report_publish(report=report, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return render(request, "results/report_detail.html", _report_context(request, report), status=400)
    if report.is_final:
        messages.success(
            request,
            _("The final report is published. %(count)d people who took part were told.") % {"count": told},
        )
    else:
        messages.success(request, _("The report is published."))
    return redirect(report.get_absolute_url())


@login_required
@require_POST
def report_delete(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    report = selectors.report_get(hub=hub, pk=pk)
    try:
        services.report_delete(report=report, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return render(request, "results/report_detail.html", _report_context(request, report), status=400)
    messages.success(request, _("The draft is deleted."))
    return redirect("hubs:results:space", hub_slug=hub.slug, space_key=_space_of(report).key)


@login_required
@require_POST
def evidence_create(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    report = selectors.report_get(hub=hub, pk=pk)
    require(request.user, "results.manage_results", report)
    form = EvidenceForm(request.POST, request.FILES, prefix="ev")
    if form.is_valid():
        try:
            services.evidence_add(report=report, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The document is added."))
            return redirect(report.get_absolute_url() + "#evidence")
    return render(
        request,
        "results/report_detail.html",
        _report_context(request, report, evidence_form=form),
        status=400,
    )


@login_required
@require_GET
def evidence_download(request: HttpRequest, hub_slug: str, pk: int, doc: int) -> HttpResponseBase:
    """An evidence document as a download, to those who may see it (never a public address)."""
    hub = hub_get(slug=hub_slug)
    report = selectors.report_get(hub=hub, pk=pk)
    document = selectors.evidence_get(report=report, pk=doc)
    require(request.user, "results.view_evidence", document)
    return attachment(
        document.file,
        name=document.name,
        extension=services.DOCUMENT_TYPES.get(document.content_type, "bin"),
        content_type=document.content_type or "application/octet-stream",
    )


@login_required
@require_POST
def evidence_delete(request: HttpRequest, hub_slug: str, pk: int, doc: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    report = selectors.report_get(hub=hub, pk=pk)
    document = selectors.evidence_get(report=report, pk=doc)
    services.evidence_remove(document=document, actor=request.user)
    messages.success(request, _("The document was removed."))
    return redirect(report.get_absolute_url() + "#evidence")


@require_GET
def photo_file(request: HttpRequest, hub_slug: str, pk: int, photo: int) -> HttpResponseBase:
    """A report's photo, shown inline to whoever may see the report (403 as for the report)."""
    hub = hub_get(slug=hub_slug)
    report = selectors.report_get(hub=hub, pk=pk)
    require(request.user, "results.view_report", report)
    stored = selectors.photo_get(report=report, pk=photo)
    return inline_image(stored.image, public=is_public("results.view_report", report))


@login_required
@require_POST
def photo_create(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    report = selectors.report_get(hub=hub, pk=pk)
    require(request.user, "results.manage_results", report)
    form = PhotoForm(request.POST, request.FILES, prefix="ph")
    if form.is_valid():
        try:
            services.photo_add(report=report, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The photo is added."))
            return redirect(report.get_absolute_url() + "#photos")
    return render(
        request, "results/report_detail.html", _report_context(request, report, photo_form=form), status=400
    )


@login_required
@require_POST
def photo_delete(request: HttpRequest, hub_slug: str, pk: int, photo: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    report = selectors.report_get(hub=hub, pk=pk)
    item = selectors.photo_get(report=report, pk=photo)
    services.photo_remove(photo=item, actor=request.user)
    messages.success(request, _("The photo was removed."))
    return redirect(report.get_absolute_url() + "#photos")
