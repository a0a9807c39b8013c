"""The hub's export and import page (stewards: export; superusers: import as a new hub)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from apps.core.documents import attachment
from apps.core.forms import add_service_errors
from apps.core.permissions import require
from apps.hubs.selectors import hub_get
from apps.transfer import selectors, services
from apps.transfer.forms import ImportForm
from apps.transfer.models import TransferJob

LIST_LENGTH = 20


def _page(request: HttpRequest, hub: Any, form: ImportForm | None, status: int = 200) -> HttpResponse:
    can_import = request.user.has_perm("transfer.import_hub", hub)
    jobs = list(selectors.jobs_of(hub=hub)[:LIST_LENGTH])
    if not can_import:
        jobs = [job for job in jobs if job.kind == TransferJob.Kind.EXPORT]
    return render(
        request,
        "transfer/index.html",
        {
            "hub": hub,
            "jobs": jobs,
            "can_import": can_import,
            "form": form if form is not None else (ImportForm() if can_import else None),
            "running": any(job.is_active for job in jobs),
        },
        status=status,
    )


@login_required
@require_GET
def index(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    require(request.user, "transfer.export_hub", hub)
    return _page(request, hub, None)


@login_required
@require_POST
def export_start(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    require(request.user, "transfer.export_hub", hub)
    try:
        job = services.export_start(hub=hub, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("hubs:transfer:index", hub.slug)
    return redirect("hubs:transfer:job", hub.slug, job.pk)


@login_required
@require_POST
def import_start(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    require(request.user, "transfer.import_hub", hub)
    form = ImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            job = services.import_start(
                hub=hub,
                user=request.user,
                upload=form.cleaned_data["archive"],
                slug=form.cleaned_data["slug"],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                add_service_errors(form, error)
            else:
                form.add_error("slug", error)
        else:
            return redirect("hubs:transfer:job", hub.slug, job.pk)
    return _page(request, hub, form, status=400)


@login_required
@require_GET
def job(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    job = selectors.job_get(hub=hub, pk=pk)
    perm = "transfer.export_hub" if job.kind == TransferJob.Kind.EXPORT else "transfer.import_hub"
    require(request.user, perm, hub)
    done, total = services.job_progress(job)
    percent = 100 if job.status == TransferJob.Status.DONE else (int(done * 100 / total) if total else 0)
    return render(
        request,
        "transfer/job.html",
        {"hub": hub, "job": job, "done": done, "total": total, "percent": percent},
    )


@login_required
@require_GET
def download(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponseBase:
    hub = hub_get(slug=hub_slug)
    job = selectors.job_get(hub=hub, pk=pk)
    require(request.user, "transfer.export_hub", hub)
    if job.kind != TransferJob.Kind.EXPORT or job.status != TransferJob.Status.DONE or not job.file:
        raise Http404(_("This archive is not ready."))
    name = f"{hub.slug}-archive-{job.finished_at:%Y%m%d-%H%M}" if job.finished_at else f"{hub.slug}-archive"
    return attachment(job.file, name=name, extension="zip", content_type="application/zip")
