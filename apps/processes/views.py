"""Process pages: the template library and the hub's copies, runs with their timeline and gates,
and the hub's own establishment (H2). Views parse the request, call a selector or a service,
and render; every form works without JavaScript."""

import os
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from apps.core.documents import attachment
from apps.core.permissions import require
from apps.hubs.selectors import hub_get
from apps.processes import selectors, services
from apps.processes.forms import (
    ActivityTemplateForm,
    ClosePhaseForm,
    DeliverableForm,
    DeliverableTemplateForm,
    PhaseDatesForm,
    PhaseTemplateForm,
    StartRunForm,
    TemplateForm,
)
from apps.processes.models import (
    ActivityTemplate,
    Deliverable,
    DeliverableTemplate,
    PhaseRun,
    PhaseTemplate,
    ProcessTemplate,
)


def _language() -> str:
    return (translation.get_language() or "en")[:2]


def _next_or(request: HttpRequest, fallback: str) -> HttpResponse:
    """Go back to `next` (e.g. the initiative page the panel is on) when it is on this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(fallback)


def _errors(exc: ValidationError) -> str:
    return " ".join(exc.messages)


# Templates -----------------------------------------------------------------------------


def template_list(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    library = list(selectors.library_templates())
    own = list(selectors.hub_templates(hub=hub))
    for template in library + own:
        template.total_days = selectors.total_days(template)  # type: ignore[attr-defined]
    return render(
        request,
        "processes/template_list.html",
        {
            "hub": hub,
            "library": library,
            "own": own,
            "runs": selectors.runs_of_hub(hub=hub)[:50],
            "can_copy": request.user.has_perm("processes.copy_template", hub),
        },
    )


def _template_page(
    request: HttpRequest, hub: Any, template: ProcessTemplate, status: int = 200, **forms: Any
) -> HttpResponse:
    can_edit = request.user.has_perm("processes.change_template", template)
    template.total_days = selectors.total_days(template)  # type: ignore[attr-defined]
    language = _language()
    context = {
        "hub": hub,
        "template": template,
        "can_edit": can_edit,
        "can_copy": request.user.has_perm("processes.copy_template", hub),
        "template_form": forms.get("template_form")
        or TemplateForm(initial={"name": template.label, "description": template.text}),
        "phase_form": forms.get("phase_form") or PhaseTemplateForm(prefix="new-phase"),
        "activity_form": ActivityTemplateForm(prefix="activity"),
        "deliverable_form": DeliverableTemplateForm(prefix="deliverable"),
        "failed_phase": forms.get("failed_phase"),
        "failed_form": forms.get("failed_form"),
        "language": language,
    }
    return render(request, "processes/template_detail.html", context, status=status)


def template_detail(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    template = selectors.template_get(hub=hub, pk=pk)
    return _template_page(request, hub, template)


@login_required
@require_POST
def template_copy(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    require(request.user, "processes.copy_template", hub)
    template = selectors.template_get(hub=hub, pk=pk)
    copy = services.template_copy(template=template, hub=hub, actor=request.user)
    messages.success(request, _("A copy was made for this hub. Edit it below."))
    return redirect("hubs:processes:template", hub_slug=hub.slug, pk=copy.pk)


def _own_template(request: HttpRequest, hub: Any, pk: int) -> ProcessTemplate:
    template = get_object_or_404(ProcessTemplate, hub=hub, pk=pk)
    require(request.user, "processes.change_template", template)
    return template


@login_required
@require_POST
def template_update(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    template = _own_template(request, hub, pk)
    form = TemplateForm(request.POST)
    if form.is_valid():
        try:
            services.template_update(
                template=template, actor=request.user, language=_language(), **form.cleaned_data
            )
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        else:
            messages.success(request, _("Saved."))
            return redirect("hubs:processes:template", hub_slug=hub.slug, pk=template.pk)
    return _template_page(
        request, hub, selectors.template_get(hub=hub, pk=pk), status=400, template_form=form
    )


@login_required
@require_POST
def phase_template_save(
    request: HttpRequest, hub_slug: str, pk: int, phase_pk: int | None = None
) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    template = _own_template(request, hub, pk)
    phase = get_object_or_404(PhaseTemplate, template=template, pk=phase_pk) if phase_pk else None
    form = PhaseTemplateForm(request.POST, prefix=f"phase-{phase.pk}" if phase else "new-phase")
    if form.is_valid():
        try:
            services.phase_template_save(
                template=template, actor=request.user, phase=phase, language=_language(), **form.cleaned_data
            )
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        else:
            messages.success(request, _("The phase was saved."))
            return redirect("hubs:processes:template", hub_slug=hub.slug, pk=template.pk)
    fresh = selectors.template_get(hub=hub, pk=pk)
    if phase is None:
        return _template_page(request, hub, fresh, status=400, phase_form=form)
    return _template_page(request, hub, fresh, status=400, failed_phase=phase.pk, failed_form=form)


@login_required
@require_POST
def activity_template_add(request: HttpRequest, hub_slug: str, pk: int, phase_pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    template = _own_template(request, hub, pk)
    phase = get_object_or_404(PhaseTemplate, template=template, pk=phase_pk)
    form = ActivityTemplateForm(request.POST, prefix="activity")
    if form.is_valid():
        services.activity_template_add(
            phase=phase, actor=request.user, language=_language(), **form.cleaned_data
        )
        messages.success(request, _("The activity was added."))
        return redirect("hubs:processes:template", hub_slug=hub.slug, pk=template.pk)
    messages.error(request, _("Say who does what."))
    return _template_page(request, hub, selectors.template_get(hub=hub, pk=pk), status=400)


@login_required
@require_POST
def deliverable_template_add(request: HttpRequest, hub_slug: str, pk: int, phase_pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    template = _own_template(request, hub, pk)
    phase = get_object_or_404(PhaseTemplate, template=template, pk=phase_pk)
    form = DeliverableTemplateForm(request.POST, prefix="deliverable")
    if form.is_valid():
        services.deliverable_template_add(
            phase=phase, actor=request.user, language=_language(), **form.cleaned_data
        )
        messages.success(request, _("The deliverable was added."))
        return redirect("hubs:processes:template", hub_slug=hub.slug, pk=template.pk)
    messages.error(request, _("Give the deliverable a name and a kind."))
    return _template_page(request, hub, selectors.template_get(hub=hub, pk=pk), status=400)


_ITEMS: dict[str, Any] = {
    "phase": (PhaseTemplate, "template"),
    "activity": (ActivityTemplate, "phase__template"),
    "deliverable": (DeliverableTemplate, "phase__template"),
}


@login_required
@require_POST
def template_item_action(
    request: HttpRequest, hub_slug: str, pk: int, kind: str, item_pk: int
) -> HttpResponse:
    """Delete a phase, activity or deliverable (`action=delete`), or move it (`action=up|down`)."""
    hub = hub_get(slug=hub_slug)
    template = _own_template(request, hub, pk)
    if kind not in _ITEMS:
        raise PermissionDenied
    model, path = _ITEMS[kind]
    item = get_object_or_404(model, pk=item_pk, **{path: template})
    action = request.POST.get("action", "")
    try:
        if action == "delete":
            services.template_item_delete(item=item, actor=request.user)
            messages.success(request, _("Removed."))
        elif action in ("up", "down"):
            services.template_item_move(item=item, actor=request.user, direction=action)
        else:
            messages.error(request, _("Unknown action."))
            return _template_page(request, hub, selectors.template_get(hub=hub, pk=pk), status=400)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
        return _template_page(request, hub, selectors.template_get(hub=hub, pk=pk), status=400)
    return redirect(reverse("hubs:processes:template", args=[hub.slug, template.pk]) + f"#{kind}-{item_pk}")


# Runs ----------------------------------------------------------------------------------


def _run_page(
    request: HttpRequest, hub: Any, run: Any, status: int = 200, form_errors: dict[str, Any] | None = None
) -> HttpResponse:
    line = selectors.timeline(run)
    user = request.user
    for phase in line.phases:
        phase.can_close = user.has_perm("processes.close_phase", phase)  # type: ignore[attr-defined]
        phase.can_override = user.has_perm("processes.override_gate", phase)  # type: ignore[attr-defined]
        phase.can_reopen = (  # type: ignore[attr-defined]
            user.has_perm("processes.reopen_phase", phase)
            and not any(p.status == "closed" and p.position > phase.position for p in line.phases)
        )
        phase.can_edit = user.has_perm("processes.change_dates", phase)  # type: ignore[attr-defined]
        for deliverable in phase.deliverables.all():
            deliverable.can_complete = user.has_perm("processes.complete_deliverable", deliverable)  # type: ignore[attr-defined]
    return render(
        request,
        "processes/run_detail.html",
        {"hub": hub, "run": run, "line": line, "form_errors": form_errors or {}},
        status=status,
    )


def run_detail(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    run = selectors.run_get(hub=hub, pk=pk)
    return _run_page(request, hub, run)


def _fail(request: HttpRequest, hub: Any, run_pk: int, exc: ValidationError, key: str) -> HttpResponse:
    messages.error(request, _errors(exc))
    return _run_page(
        request, hub, selectors.run_get(hub=hub, pk=run_pk), status=400, form_errors={key: exc.messages}
    )


@login_required
@require_POST
def run_start(request: HttpRequest, hub_slug: str) -> HttpResponse:
    """Start a run for an initiative (`initiative` in the form) or the hub's establishment."""
    from apps.initiatives.models import Initiative

    hub = hub_get(slug=hub_slug)
    initiative = None
    if request.POST.get("initiative"):
        initiative = get_object_or_404(Initiative, hub=hub, pk=request.POST.get("initiative"))
        require(request.user, "processes.start_run", initiative)
    else:
        require(request.user, "processes.start_run", hub)
    form = StartRunForm(request.POST, hub=hub)
    if form.is_valid():
        try:
            run = services.process_start(
                template=form.cleaned_data["template"],
                starts_on=form.cleaned_data["starts_on"],
                actor=request.user,
                subject_initiative=initiative,
                hub=None if initiative else hub,
            )
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        else:
            messages.success(request, _("The process has started."))
            return _next_or(request, reverse("hubs:processes:run", args=[hub.slug, run.pk]))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    if initiative is None:
        return render(
            request,
            "processes/establishment.html",
            {"hub": hub, "run": None, "form": form, "can_start": True},
            status=400,
        )
    return render(
        request,
        "processes/start_failed.html",
        {"hub": hub, "initiative": initiative, "form": form},
        status=400,
    )


@require_GET
def deliverable_file(request: HttpRequest, hub_slug: str, pk: int, deliverable_pk: int) -> HttpResponseBase:
    """A deliverable's file, as a download, to whoever may see the run."""
    hub = hub_get(slug=hub_slug)
    deliverable = get_object_or_404(
        Deliverable.objects.select_related("phase_run__run").exclude(file=""),
        pk=deliverable_pk,
        phase_run__run_id=pk,
        phase_run__run__hub=hub,
    )
    require(request.user, "processes.view_run", deliverable.phase_run.run)
    name, extension = os.path.splitext(os.path.basename(deliverable.file.name or ""))
    extension = extension.lower().lstrip(".")
    content_type = min(services.ALLOWED_UPLOADS.get(f".{extension}", {"application/octet-stream"}))
    return attachment(
        deliverable.file, name=deliverable.name or name, extension=extension, content_type=content_type
    )


@login_required
@require_POST
def deliverable_complete(request: HttpRequest, hub_slug: str, pk: int, deliverable_pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    deliverable = get_object_or_404(
        Deliverable.objects.select_related("phase_run", "phase_run__run", "phase_run__run__initiative"),
        pk=deliverable_pk,
        phase_run__run_id=pk,
        phase_run__run__hub=hub,
    )
    require(request.user, "processes.work_on_run", deliverable)
    form = DeliverableForm(request.POST, request.FILES)
    key = f"deliverable-{deliverable.pk}"
    if not form.is_valid():
        exc = ValidationError([str(e) for errors in form.errors.values() for e in errors])
        return _fail(request, hub, pk, exc, key)
    event = None
    if form.cleaned_data["event"]:
        from apps.events.models import Event

        event = Event.objects.filter(pk=form.cleaned_data["event"], hub=hub).first()
        if event is None:
            return _fail(request, hub, pk, ValidationError(_("There is no such event in this hub.")), key)
    try:
        services.deliverable_complete(
            deliverable=deliverable,
            actor=request.user,
            file=form.cleaned_data["file"],
            url=form.cleaned_data["url"] or None,
            linked_object=event,
            checked=form.cleaned_data["checked"],
            note=form.cleaned_data["note"] if "note" in request.POST else None,
        )
    except ValidationError as exc:
        return _fail(request, hub, pk, exc, key)
    messages.success(
        request,
        _("“%(name)s” is done.") % {"name": deliverable.name}
        if form.cleaned_data["checked"]
        else _("“%(name)s” is marked as not done.") % {"name": deliverable.name},
    )
    return _next_or(
        request, reverse("hubs:processes:run", args=[hub.slug, pk]) + f"#phase-{deliverable.phase_run_id}"
    )


def _phase(hub: Any, run_pk: int, phase_pk: int) -> PhaseRun:
    return get_object_or_404(
        PhaseRun.objects.select_related("run", "run__initiative", "run__hub"),
        pk=phase_pk,
        run_id=run_pk,
        run__hub=hub,
    )


@login_required
@require_POST
def phase_close(request: HttpRequest, hub_slug: str, pk: int, phase_pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    phase = _phase(hub, pk, phase_pk)
    require(request.user, "processes.work_on_run", phase)
    form = ClosePhaseForm(request.POST)
    if not form.is_valid():  # e.g. a reason over its length: say so, not "give a reason"
        return _fail(request, hub, pk, ValidationError(form.errors.as_data()), f"close-{phase.pk}")
    try:
        services.phase_close(phase_run=phase, actor=request.user, reason=form.cleaned_data.get("reason", ""))
    except ValidationError as exc:
        return _fail(request, hub, pk, exc, f"close-{phase.pk}")
    messages.success(request, _("The phase “%(name)s” is closed.") % {"name": phase.name})
    return _next_or(request, reverse("hubs:processes:run", args=[hub.slug, pk]))


@login_required
@require_POST
def phase_reopen(request: HttpRequest, hub_slug: str, pk: int, phase_pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    phase = _phase(hub, pk, phase_pk)
    require(request.user, "processes.lead_run", phase)
    try:
        services.phase_reopen(phase_run=phase, actor=request.user)
    except ValidationError as exc:
        return _fail(request, hub, pk, exc, f"close-{phase.pk}")
    messages.success(request, _("The phase “%(name)s” is open again.") % {"name": phase.name})
    return _next_or(request, reverse("hubs:processes:run", args=[hub.slug, pk]))


@login_required
@require_POST
def phase_dates(request: HttpRequest, hub_slug: str, pk: int, phase_pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    phase = _phase(hub, pk, phase_pk)
    require(request.user, "processes.work_on_run", phase)
    form = PhaseDatesForm(request.POST, prefix=f"dates-{phase.pk}")
    key = f"dates-{phase.pk}"
    if not form.is_valid():
        return _fail(
            request,
            hub,
            pk,
            ValidationError([str(e) for errors in form.errors.values() for e in errors]),
            key,
        )
    try:
        services.phase_set_dates(phase_run=phase, actor=request.user, **form.cleaned_data)
    except ValidationError as exc:
        return _fail(request, hub, pk, exc, key)
    messages.success(request, _("The dates were saved."))
    return redirect(reverse("hubs:processes:run", args=[hub.slug, pk]) + f"#phase-{phase.pk}")


def establishment(request: HttpRequest, hub_slug: str) -> HttpResponse:
    """H2: the hub's own establishment run, or a form to start it (stewards)."""
    hub = hub_get(slug=hub_slug)
    run = selectors.establishment_run(hub=hub)
    if run is not None:
        return redirect("hubs:processes:run", hub_slug=hub.slug, pk=run.pk)
    can_start = request.user.has_perm("processes.start_run", hub)
    form = StartRunForm(hub=hub, initial_key="new-hub") if can_start else None
    return render(
        request,
        "processes/establishment.html",
        {"hub": hub, "run": None, "form": form, "can_start": can_start},
    )
