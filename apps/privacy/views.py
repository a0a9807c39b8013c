"""A person's privacy pages: what we hold, downloading it, deleting the account; and a hub's
retention of anonymous input metadata for its leads."""

import tempfile

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from apps.core.documents import attachment
from apps.core.forms import add_service_errors
from apps.core.permissions import require
from apps.hubs.selectors import hub_get
from apps.privacy import selectors, services
from apps.privacy.forms import DeleteAccountForm, RetentionForm
from apps.privacy.models import DataArchive, RetentionSetting


@login_required
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "privacy/index.html",
        {
            "archives": selectors.archives_of(user=request.user),
            "led_hubs": selectors.hubs_led_by(user=request.user),
        },
    )


@login_required
@require_POST
def download(request: HttpRequest) -> HttpResponseBase:
    """A small account's archive at once; a big one is built in the background."""
    archive = services.archive_request(user=request.user, actor=request.user)
    if archive is not None and archive.status == DataArchive.Status.READY:
        messages.success(request, _("Your archive is ready: download it below."))
        return redirect("privacy_me:index")
    if archive is not None:
        messages.success(
            request,
            _("Your archive is being prepared. We will tell you when it is ready to download."),
        )
        return redirect("privacy_me:index")
    out = tempfile.SpooledTemporaryFile(max_size=8 << 20)  # noqa: SIM115 (the response closes it)
    services.archive_write(request.user, out)
    out.seek(0)
    response = FileResponse(
        out,
        as_attachment=True,
        filename=f"allmenning-{timezone.now():%Y%m%d}.zip",
        content_type="application/zip",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def archive_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    archive = selectors.archive_get_for(user=request.user, pk=pk)
    return attachment(
        archive.file,
        name=f"allmenning-{archive.created_at:%Y%m%d}",
        extension="zip",
        content_type="application/zip",
    )


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None, user=request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.account_delete(user=request.user, actor=request.user)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                logout(request)
                messages.success(
                    request,
                    _("Your account is deleted. What you contributed stays, as a former participant."),
                )
                return redirect("/")
        status = 400
    return render(request, "privacy/delete.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def retention(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    require(request.user, "privacy.view_retention", hub)
    setting = RetentionSetting.objects.filter(hub=hub).first() or RetentionSetting(hub=hub)
    form = RetentionForm(request.POST or None, instance=setting)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.retention_set(
                    hub=hub, actor=request.user, days=form.cleaned_data["anonymous_metadata_days"]
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The retention setting was saved."))
                return redirect("privacy_me:retention", hub_slug=hub.slug)
        status = 400
    return render(request, "privacy/retention.html", {"hub": hub, "form": form}, status=status)
