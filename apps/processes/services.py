"""Every change to process templates and runs goes through here.

Each function is keyword-only, checks permission, writes in one transaction and notifies only
after commit. Errors are `ValidationError`s with translated messages (and a `code`), or
`PermissionDenied`.

The gate (I3): a phase closes when all its required deliverables are done, or when a steward
or the network lead closes it anyway and records why. Two closes at once: the phase row is
locked (`select_for_update`) and its status checked again, so exactly one succeeds.
"""

import os
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, models, transaction
from django.db.models import Max, Q
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from apps.audit.services import audit_record
from apps.core.dates import check_window
from apps.core.documents import IMAGE_KINDS, BadDocument, check_document
from apps.core.images import TooManyPixels, too_many_pixels_message, without_metadata
from apps.core.permissions import require
from apps.hubs.models import Hub, date_in
from apps.hubs.selectors import hub_leads
from apps.hubs.services import hub_stage_set
from apps.notifications.services import notify
from apps.processes import fulfilment
from apps.processes.models import (
    LANGUAGE_CODES,
    ActivityRun,
    ActivityTemplate,
    Deliverable,
    DeliverableKind,
    DeliverableTemplate,
    PhaseRun,
    PhaseStatus,
    PhaseTemplate,
    ProcessRun,
    ProcessTemplate,
    localized,
)

# Uploads a deliverable may carry: PDF, images and office documents.
ALLOWED_UPLOADS = {
    ".pdf": {"application/pdf"},
    ".png": {"image/png"},
    ".jpg": {"image/jpeg"},
    ".jpeg": {"image/jpeg"},
    ".gif": {"image/gif"},
    ".webp": {"image/webp"},
    ".doc": {"application/msword"},
    ".docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/zip"},
    ".xls": {"application/vnd.ms-excel"},
    ".xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/zip"},
    ".ppt": {"application/vnd.ms-powerpoint"},
    ".pptx": {"application/vnd.openxmlformats-officedocument.presentationml.presentation", "application/zip"},
    ".odt": {"application/vnd.oasis.opendocument.text", "application/zip"},
    ".ods": {"application/vnd.oasis.opendocument.spreadsheet", "application/zip"},
    ".odp": {"application/vnd.oasis.opendocument.presentation", "application/zip"},
}
REMIND_DAYS_BEFORE = 3


def _field_error(field: str, message: str, code: str) -> ValidationError:
    """A ValidationError tied to a form field that keeps its code."""
    return ValidationError({field: ValidationError(message, code=code)})


# Date windows. A run starts at most five years back (a process written down after the fact,
# such as a hub's own establishment) and at most three years ahead. A phase's dates lie at most
# five years back and ten years ahead (building projects are long), and a phase lasts at most
# five years. Phases follow one another: each starts after the previous one is due (the due
# date is the phase's last day) and is due before the next one starts.
RUN_PAST_DAYS = 5 * 366
RUN_FUTURE_DAYS = 3 * 366
PHASE_PAST_DAYS = 5 * 366
PHASE_FUTURE_DAYS = 10 * 366
LONGEST_PHASE = timedelta(days=5 * 366)


def _check_phase_order(phase_run: PhaseRun, starts_on: date, due_on: date) -> None:
    """Refuse dates that would make the phase overlap the phase before or after it."""
    siblings = PhaseRun.objects.filter(run_id=phase_run.run_id).exclude(pk=phase_run.pk)
    previous = siblings.filter(position__lt=phase_run.position).order_by("-position").first()
    following = siblings.filter(position__gt=phase_run.position).order_by("position").first()
    if previous is not None and starts_on <= previous.due_on:
        raise _field_error(
            "starts_on",
            _("The phase must start after the previous phase, %(name)s, which is due on %(date)s.")
            % {
                "name": previous.shown_name,
                "date": formats.date_format(previous.due_on, "SHORT_DATE_FORMAT"),
            },
            "overlaps_previous",
        )
    if following is not None and due_on >= following.starts_on:
        raise _field_error(
            "due_on",
            _("The phase must be due before the next phase, %(name)s, starts on %(date)s.")
            % {
                "name": following.shown_name,
                "date": formats.date_format(following.starts_on, "SHORT_DATE_FORMAT"),
            },
            "overlaps_next",
        )


def run_owners(run: ProcessRun) -> list[Any]:
    """Who answers for a run: the initiative's owner, or the hub's stewards for its establishment."""
    if run.initiative_id is not None:
        return [run.initiative.owner]  # type: ignore[union-attr]
    return hub_leads(run.hub)


def validate_upload(upload: UploadedFile) -> Any:
    """PDF, images and office documents only, no larger than settings.MAX_UPLOAD_SIZE, checked
    whole (`apps.core.documents.check_document`). Returns what to store: the upload itself, or
    for an image the image re-encoded without metadata (nothing but its pixels is kept)."""

    name = upload.name or ""
    extension = os.path.splitext(name)[1].lower()
    if extension not in ALLOWED_UPLOADS:
        raise _field_error(
            "file",
            _("Upload a PDF, an image or an office document (Word, Excel, PowerPoint, OpenDocument)."),
            "file_type",
        )
    if upload.size is not None and upload.size > settings.MAX_UPLOAD_SIZE:
        raise _field_error(
            "file",
            _("The file is too large. The largest allowed is %(size)d MB.")
            % {"size": settings.MAX_UPLOAD_SIZE // (1024 * 1024)},
            "file_size",
        )
    try:
        check_document(upload, extension.lstrip("."))
    except TooManyPixels as exc:
        raise _field_error("file", too_many_pixels_message(), "too_many_pixels") from exc
    except BadDocument as exc:
        raise _field_error(
            "file",
            _("The file's content does not match its type. Upload a real %(ext)s file.")
            % {"ext": extension.lstrip(".").upper()},
            "file_type",
        ) from exc
    kind = IMAGE_KINDS.get(extension.lstrip("."))
    if kind is None:
        return upload
    clean, _width, _height = without_metadata(upload, kind)
    clean.name = name
    return clean


# Templates ------------------------------------------------------------------------------


def _unique_template_key(hub: Hub, base: str) -> str:
    key, n = base, 2
    while ProcessTemplate.objects.filter(hub=hub, key=key).exists():
        key, n = f"{base}-{n}", n + 1
    return key


@transaction.atomic
def template_copy(*, template: ProcessTemplate, hub: Hub, actor: Any) -> ProcessTemplate:
    """Make the hub's own editable copy of a template (library or the hub's own)."""
    require(actor, "processes.copy_template", hub)
    if template.hub_id not in (None, hub.pk):
        raise PermissionDenied(_("You do not have permission to do this."))
    source_phases = list(template.phases.prefetch_related("activities", "deliverables"))
    while True:
        copy = ProcessTemplate(
            key=_unique_template_key(hub, template.key),
            version=1,
            source=ProcessTemplate.Source.HUB,
            hub=hub,
            copied_from=template,
            name=dict(template.name),
            description=dict(template.description),
        )
        try:
            with transaction.atomic():
                copy.save()
            break
        except IntegrityError:
            continue  # a copy made at the same moment took the key; take the next one
    for phase in source_phases:
        new_phase = PhaseTemplate.objects.create(
            template=copy,
            position=phase.position,
            key=phase.key,
            name=dict(phase.name),
            description=dict(phase.description),
            duration_days=phase.duration_days,
            helpful_templates=list(phase.helpful_templates),
        )
        ActivityTemplate.objects.bulk_create(
            ActivityTemplate(phase=new_phase, position=a.position, role=a.role, text=dict(a.text))
            for a in phase.activities.all()
        )
        DeliverableTemplate.objects.bulk_create(
            DeliverableTemplate(
                phase=new_phase,
                position=d.position,
                key=d.key,
                name=dict(d.name),
                kind=d.kind,
                required=d.required,
                help=dict(d.help),
            )
            for d in phase.deliverables.all()
        )
    audit_record(
        hub=hub,
        actor=actor,
        action="processes.template_copy",
        target=copy,
        data={"from": template.pk},
    )
    return copy


def _set_text(texts: dict[str, str], value: str, language: str) -> dict[str, str]:
    """Write `value` in `language`; the other languages keep their text unless they were the same."""
    old = localized(texts, language)
    updated = {code: text for code, text in (texts or {}).items() if text != old or code == language}
    updated[language] = value.strip()
    return updated


def _editable(template: ProcessTemplate, actor: Any, change: str) -> ProcessTemplate:
    """Lock a hub's template for an edit: its version goes up and the audit log records the
    change (inside the calling service's transaction: a refused edit leaves no entry)."""
    require(actor, "processes.change_template", template)
    locked = ProcessTemplate.objects.select_for_update(of=("self",)).select_related("hub").get(pk=template.pk)
    locked.version += 1
    locked.save(update_fields=["version", "updated_at"])
    audit_record(
        hub=locked.hub,
        actor=actor,
        action="processes.template_edit",
        target=locked,
        data={"change": change, "version": locked.version},
    )
    return locked


def _next_position(queryset: models.QuerySet[Any]) -> int:
    top = queryset.aggregate(top=Max("position"))["top"]
    return 0 if top is None else top + 1


@transaction.atomic
def template_update(
    *, template: ProcessTemplate, actor: Any, name: str, description: str, language: str
) -> ProcessTemplate:
    locked = _editable(template, actor, "template")
    if not name.strip():
        raise _field_error("name", _("Give the template a name."), "required")
    locked.name = _set_text(locked.name, name, language)
    locked.description = _set_text(locked.description, description, language)
    locked.save(update_fields=["name", "description", "updated_at"])
    return locked


@transaction.atomic
def phase_template_save(
    *,
    template: ProcessTemplate,
    actor: Any,
    name: str,
    description: str,
    duration_days: int,
    language: str,
    phase: PhaseTemplate | None = None,
) -> PhaseTemplate:
    """Add a phase to a hub's template (at the end), or change one."""
    _editable(template, actor, "phase_add" if phase is None else "phase_change")
    if duration_days < 1:
        raise _field_error("duration_days", _("A phase lasts at least one day."), "duration")
    if phase is None:
        siblings = PhaseTemplate.objects.filter(template=template)
        base = slugify(name)[:60] or "phase"
        key, n = base, 2
        while siblings.filter(key=key).exists():
            key, n = f"{base}-{n}", n + 1
        phase = PhaseTemplate(template=template, key=key, position=_next_position(siblings))
    elif phase.template_id != template.pk:
        raise PermissionDenied(_("You do not have permission to do this."))
    phase.name = _set_text(phase.name, name, language)
    phase.description = _set_text(phase.description, description, language)
    phase.duration_days = duration_days
    phase.save()
    return phase


@transaction.atomic
def activity_template_add(
    *, phase: PhaseTemplate, actor: Any, role: str, text: str, language: str
) -> ActivityTemplate:
    _editable(phase.template, actor, "activity_add")
    return ActivityTemplate.objects.create(
        phase=phase,
        role=role,
        text={language: text.strip()},
        position=_next_position(ActivityTemplate.objects.filter(phase=phase)),
    )


@transaction.atomic
def deliverable_template_add(
    *,
    phase: PhaseTemplate,
    actor: Any,
    name: str,
    kind: str,
    required: bool,
    help: str = "",  # noqa: A002
    language: str,
) -> DeliverableTemplate:
    _editable(phase.template, actor, "deliverable_add")
    if kind not in DeliverableKind.values:
        raise _field_error("kind", _("Choose a kind."), "kind")
    siblings = DeliverableTemplate.objects.filter(phase=phase)
    base = slugify(name)[:60] or "deliverable"
    key, n = base, 2
    while siblings.filter(key=key).exists():
        key, n = f"{base}-{n}", n + 1
    return DeliverableTemplate.objects.create(
        phase=phase,
        key=key,
        name={language: name.strip()},
        kind=kind,
        required=required,
        help={language: help.strip()} if help.strip() else {},
        position=_next_position(siblings),
    )


def _template_of(item: PhaseTemplate | ActivityTemplate | DeliverableTemplate) -> ProcessTemplate:
    if isinstance(item, PhaseTemplate):
        return item.template
    return item.phase.template


def _siblings(item: PhaseTemplate | ActivityTemplate | DeliverableTemplate) -> models.QuerySet[Any]:
    if isinstance(item, PhaseTemplate):
        return PhaseTemplate.objects.filter(template_id=item.template_id)
    return type(item).objects.filter(phase_id=item.phase_id)


@transaction.atomic
def template_item_delete(*, item: PhaseTemplate | ActivityTemplate | DeliverableTemplate, actor: Any) -> None:
    """Remove a phase, activity or deliverable from a hub's template."""
    template = _editable(_template_of(item), actor, f"{type(item).__name__.lower()}_delete")
    if isinstance(item, PhaseTemplate) and template.phases.count() <= 1:
        raise ValidationError(_("A process needs at least one phase."), code="last_phase")
    item.delete()


@transaction.atomic
def template_item_move(
    *, item: PhaseTemplate | ActivityTemplate | DeliverableTemplate, actor: Any, direction: str
) -> None:
    """Move a phase, activity or deliverable one step "up" or "down" among its siblings."""
    _editable(_template_of(item), actor, f"{type(item).__name__.lower()}_move")
    siblings = list(_siblings(item).select_for_update().order_by("position", "pk"))
    index = next(i for i, s in enumerate(siblings) if s.pk == item.pk)
    other = index - 1 if direction == "up" else index + 1
    if other < 0 or other >= len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings):
        if sibling.position != position:
            sibling.position = position
            sibling.save(update_fields=["position"])


# Runs -----------------------------------------------------------------------------------


def _language(hub: Hub) -> str:
    languages = hub.languages or ["nb"]
    return str(languages[0])


@transaction.atomic
def _texts(value: Any) -> dict[str, str]:
    """A template text's translations as stored on a run: {"en": …, "nb": …} (strings only)."""
    if isinstance(value, str):
        return {"en": value} if value else {}
    if not isinstance(value, dict):
        return {}
    return {str(code): str(text) for code, text in value.items() if code in LANGUAGE_CODES and text}


def process_start(
    *,
    template: ProcessTemplate,
    starts_on: date,
    actor: Any,
    subject_initiative: Any = None,
    hub: Hub | None = None,
    title: str = "",
) -> ProcessRun:
    """Start a run of `template` for an initiative, or (no initiative) for the hub's own establishment.

    The run copies the phases, activities and deliverables in the hub's first language, with
    dates from the typical durations: each phase starts the day the previous one is due.
    """
    if subject_initiative is not None:
        hub = subject_initiative.hub
        require(actor, "processes.start_run", subject_initiative)
    elif hub is not None:
        require(actor, "processes.start_run", hub)
    else:
        raise ValueError("process_start needs subject_initiative or hub")
    assert hub is not None
    if template.hub_id not in (None, hub.pk):
        raise _field_error("template", _("Choose a template from the library or this hub."), "template")
    phases = list(template.phases.prefetch_related("activities", "deliverables"))
    if not phases:
        raise _field_error("template", _("This template has no phases."), "template")
    if not isinstance(starts_on, date):
        raise _field_error("starts_on", _("Give a start date."), "starts_on")
    check_window(starts_on, field="starts_on", past_days=RUN_PAST_DAYS, future_days=RUN_FUTURE_DAYS)
    language = _language(hub)
    run_texts: dict[str, Any] = {}
    if not title:
        subject = subject_initiative.title if subject_initiative is not None else hub.name
        title = f"{localized(template.name, language)}: {subject}"
        run_texts["title"] = {
            code: f"{name}: {subject}"[:200] for code, name in _texts(template.name).items()
        }
    try:
        with transaction.atomic():
            run = ProcessRun.objects.create(
                hub=hub,
                initiative=subject_initiative,
                template=template,
                template_key=template.key,
                template_version=template.version,
                title=title[:200],
                texts=run_texts,
                started_on=starts_on,
                started_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("A process has already been started for this initiative.")
            if subject_initiative is not None
            else _("The establishment process of this hub has already been started."),
            code="duplicate",
        ) from exc
    day = starts_on
    for position, phase in enumerate(phases):
        due = day + timedelta(days=max(phase.duration_days - 1, 0))
        phase_run = PhaseRun.objects.create(
            run=run,
            position=position,
            key=phase.key,
            name=localized(phase.name, language),
            description=localized(phase.description, language),
            helpful_templates=[
                {
                    "name": localized(h.get("name"), language),
                    "description": localized(h.get("description"), language),
                    "url": h.get("url", ""),
                }
                for h in phase.helpful_templates or []
            ],
            texts={
                "name": _texts(phase.name),
                "description": _texts(phase.description),
                "helpful_templates": [
                    {"name": _texts(h.get("name")), "description": _texts(h.get("description"))}
                    for h in phase.helpful_templates or []
                ],
            },
            starts_on=day,
            due_on=due,
            status=PhaseStatus.CURRENT if position == 0 else PhaseStatus.UPCOMING,
        )
        ActivityRun.objects.bulk_create(
            ActivityRun(
                phase_run=phase_run,
                position=a.position,
                role=a.role,
                text=localized(a.text, language),
                texts={"text": _texts(a.text)},
            )
            for a in phase.activities.all()
        )
        Deliverable.objects.bulk_create(
            Deliverable(
                phase_run=phase_run,
                position=d.position,
                key=d.key,
                name=localized(d.name, language),
                help=localized(d.help, language),
                texts={"name": _texts(d.name), "help": _texts(d.help)},
                kind=d.kind,
                required=d.required,
            )
            for d in phase.deliverables.all()
        )
        day = due + timedelta(days=1)
    return run


def _locked_deliverable(deliverable: Deliverable) -> Deliverable:
    return (
        Deliverable.objects.select_for_update(of=("self",))
        .select_related("phase_run", "phase_run__run", "phase_run__run__hub")
        .get(pk=deliverable.pk)
    )


def _check_linked_object(run: ProcessRun, obj: Any) -> None:
    """A linked object must be a saved model instance of the same hub (e.g. an event)."""
    if not isinstance(obj, models.Model) or obj.pk is None:
        raise _field_error("linked_object", _("Choose something saved in the hub."), "object")
    hub_id = obj.pk if isinstance(obj, Hub) else getattr(obj, "hub_id", None)
    if hub_id != run.hub_id:
        raise _field_error("linked_object", _("Choose something from this hub."), "object_hub")


@transaction.atomic
def deliverable_complete(
    *,
    deliverable: Deliverable,
    actor: Any,
    file: UploadedFile | None = None,
    url: str | None = None,
    linked_object: Any = None,
    checked: bool = True,
    note: str | None = None,
) -> Deliverable:
    """Mark a deliverable done with what it needs (a file, a link, an object, or a tick).

    `checked=False` marks it not done again (and keeps what was attached). A deliverable of a
    closed phase cannot change: reopen the phase first.
    """
    require(actor, "processes.work_on_run", deliverable)
    locked = _locked_deliverable(deliverable)
    if locked.phase_run.status == PhaseStatus.CLOSED:
        raise ValidationError(_("This phase is closed. Reopen it to change its deliverables."), code="closed")
    if note is not None:
        locked.note = note.strip()[:2000]
    if not checked:
        locked.done, locked.done_at, locked.done_by = False, None, None
        locked.save()
        return locked
    stored = validate_upload(file) if file is not None else None
    if url:
        url = url.strip()
        from django.core.validators import URLValidator

        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError as exc:
            raise _field_error("url", _("Enter a full web address (https://…)."), "url") from exc
    if linked_object is not None:
        _check_linked_object(locked.phase_run.run, linked_object)
    answer = fulfilment.fulfilment_of(locked.phase_run.run, locked)
    if answer is not None and not answer.done:
        raise ValidationError(
            _("This is done by the real thing, not by a mark or a file: %(state)s")
            % {"state": answer.summary},
            code="fulfilled_by_object",
        )
    if locked.kind == DeliverableKind.DOCUMENT and file is None and not locked.file:
        raise _field_error("file", _("Upload the document."), "file_required")
    if locked.kind == DeliverableKind.LINK and not url and not locked.url:
        raise _field_error("url", _("Give the link."), "url_required")
    if (
        locked.kind == DeliverableKind.OBJECT
        and answer is None
        and linked_object is None
        and locked.object_id is None
        and not url
    ):
        raise _field_error("linked_object", _("Choose what this deliverable points to."), "object_required")
    if stored is not None:
        locked.file.save(os_basename(stored.name or "upload"), stored, save=False)
    if url:
        locked.url = url
    if linked_object is not None:
        locked.content_type = ContentType.objects.get_for_model(linked_object)
        locked.object_id = linked_object.pk
    locked.done = True
    locked.done_at = timezone.now()
    locked.done_by = actor if getattr(actor, "is_authenticated", False) else None
    locked.save()
    return locked


def os_basename(name: str) -> str:
    return os.path.basename(name)[:120] or "upload"


CLOSE_REASON_MAX = 2000  # PhaseRun.close_reason's max_length


@transaction.atomic
def phase_close(*, phase_run: PhaseRun, actor: Any, reason: str = "") -> PhaseRun:
    """Close the current phase and make the next one current (the gate).

    With required deliverables still open, only a steward or the network lead may close it,
    and only with a reason, which is recorded.
    """
    require(actor, "processes.work_on_run", phase_run)
    locked = PhaseRun.objects.select_for_update().select_related("run", "run__hub").get(pk=phase_run.pk)
    if locked.status == PhaseStatus.CLOSED:
        raise ValidationError(_("This phase has already been closed."), code="already_closed")
    if locked.status != PhaseStatus.CURRENT:
        raise ValidationError(_("Only the current phase can be closed."), code="not_current")
    require(actor, "processes.close_phase", locked)
    # The gate asks the real things where a fulfiller answers (an area drawn, an agreement
    # signed …) and the deliverable's own mark elsewhere; what the real things fulfil is
    # recorded as done when the phase closes.
    deliverables = list(locked.deliverables.select_for_update().order_by("position", "pk"))
    found = fulfilment.fulfilments(locked.run, deliverables)
    open_deliverables = [d for d in deliverables if d.required and not fulfilment.is_done(d, found)]
    open_required = [d.name for d in open_deliverables]  # the run's own copy, for the record
    open_shown = ", ".join(d.shown_name for d in open_deliverables)  # in the actor's language
    reason = reason.strip()
    if len(reason) > CLOSE_REASON_MAX:
        raise _field_error(
            "reason",
            _("The reason is too long: at most %(max)d characters (it has %(length)d).")
            % {"max": CLOSE_REASON_MAX, "length": len(reason)},
            "max_length",
        )
    if open_required:
        if not actor.has_perm("processes.override_gate", locked):
            raise PermissionDenied(
                _(
                    "Required deliverables are still open: %(names)s. Finish them, or ask a steward "
                    "to close the phase with a reason."
                )
                % {"names": open_shown}
            )
        if not reason:
            raise _field_error(
                "reason",
                _(
                    "Required deliverables are still open (%(names)s). "
                    "Give a reason for closing the phase anyway."
                )
                % {"names": open_shown},
                "reason_required",
            )
    for deliverable in deliverables:
        answer = found.get(deliverable.pk)
        if answer is not None and answer.done != deliverable.done:
            deliverable.done = answer.done
            deliverable.done_at = timezone.now() if answer.done else None
            deliverable.done_by = None
            deliverable.note = deliverable.note or answer.summary[:2000]
            deliverable.save(update_fields=["done", "done_at", "done_by", "note"])
    locked.status = PhaseStatus.CLOSED
    locked.closed_at = timezone.now()
    locked.closed_by = actor if getattr(actor, "is_authenticated", False) else None
    locked.close_reason = reason
    locked.save(update_fields=["status", "closed_at", "closed_by", "close_reason"])
    # Closing past open required deliverables overrides the gate: that is a change of power
    # (a steward decides instead of the work) and is recorded with its reason.
    audit_record(
        hub=locked.run.hub,
        actor=actor,
        action="processes.gate_override" if open_required else "processes.phase_close",
        target=locked,
        reason=reason,
        label=f"{locked.run}: {locked}",
        data={"open_required": open_required} if open_required else {},
    )
    following = (
        PhaseRun.objects.select_for_update()
        .filter(run_id=locked.run_id, position__gt=locked.position, status=PhaseStatus.UPCOMING)
        .order_by("position")
        .first()
    )
    if following is not None:
        following.status = PhaseStatus.CURRENT
        following.save(update_fields=["status"])
    run = locked.run
    if run.initiative_id is None and following is None and run.hub.stage != "active":
        # The last step of the hub's own establishment is closed: the hub is established.
        hub_stage_set(hub=run.hub, stage="active", actor=actor, reason=locked.name)
    recipients = [u for u in run_owners(run) if u.pk != getattr(actor, "pk", None)]
    notify(
        recipients,
        template="processes/email/phase_closed.txt",
        context={"run": run, "phase": locked, "next_phase": following, "actor": actor, "reason": reason},
    )
    return locked


@transaction.atomic
def phase_reopen(*, phase_run: PhaseRun, actor: Any) -> PhaseRun:
    """A steward reopens the last closed phase; the phase after it goes back to coming."""
    require(actor, "processes.lead_run", phase_run)
    locked = PhaseRun.objects.select_for_update().select_related("run", "run__hub").get(pk=phase_run.pk)
    if locked.status != PhaseStatus.CLOSED:
        raise ValidationError(_("This phase is not closed."), code="not_closed")
    later_closed = PhaseRun.objects.filter(
        run_id=locked.run_id, position__gt=locked.position, status=PhaseStatus.CLOSED
    ).exists()
    if later_closed:
        raise ValidationError(_("Reopen the later phases first."), code="later_closed")
    PhaseRun.objects.select_for_update().filter(
        run_id=locked.run_id, position__gt=locked.position, status=PhaseStatus.CURRENT
    ).update(status=PhaseStatus.UPCOMING)
    last = not PhaseRun.objects.filter(run_id=locked.run_id, position__gt=locked.position).exists()
    locked.status = PhaseStatus.CURRENT
    locked.closed_at = None
    locked.closed_by = None
    locked.close_reason = ""
    locked.save(update_fields=["status", "closed_at", "closed_by", "close_reason"])
    run = locked.run
    if run.initiative_id is None and last and run.hub.stage == "active":
        # Its last step reopened, the hub is being established again.
        hub_stage_set(hub=run.hub, stage="establishing", actor=actor, reason=locked.name)
    audit_record(
        hub=run.hub, actor=actor, action="processes.phase_reopen", target=locked, label=f"{run}: {locked}"
    )
    notify(
        [u for u in run_owners(run) if u.pk != getattr(actor, "pk", None)],
        template="processes/email/phase_reopened.txt",
        context={"run": run, "phase": locked, "actor": actor},
    )
    return locked


@transaction.atomic
def phase_set_dates(*, phase_run: PhaseRun, actor: Any, starts_on: date, due_on: date) -> PhaseRun:
    """Change a phase's dates: the end not before the start, both in a sensible window, and
    the phase between the one before and the one after it."""
    require(actor, "processes.work_on_run", phase_run)
    if due_on < starts_on:
        raise _field_error("due_on", _("The end date cannot be before the start date."), "dates")
    # Lock the run's phases in order, so two people moving neighbouring phases at once cannot
    # both pass the overlap check.
    list(PhaseRun.objects.select_for_update().filter(run_id=phase_run.run_id).order_by("position"))
    locked = PhaseRun.objects.get(pk=phase_run.pk)
    if locked.status == PhaseStatus.CLOSED:
        raise ValidationError(_("This phase is closed. Reopen it to change its dates."), code="closed")
    if starts_on != locked.starts_on:
        check_window(starts_on, field="starts_on", past_days=PHASE_PAST_DAYS, future_days=PHASE_FUTURE_DAYS)
    if due_on != locked.due_on:
        check_window(due_on, field="due_on", past_days=PHASE_PAST_DAYS, future_days=PHASE_FUTURE_DAYS)
    if due_on - starts_on > LONGEST_PHASE and (starts_on, due_on) != (locked.starts_on, locked.due_on):
        raise _field_error("due_on", _("A phase can last at most five years."), "too_long")
    _check_phase_order(locked, starts_on, due_on)
    locked.starts_on, locked.due_on = starts_on, due_on
    locked.reminded_on = None
    locked.save(update_fields=["starts_on", "due_on", "reminded_on"])
    return locked


def process_send_reminders(*, today: date | None = None) -> int:
    """Remind the owners of each open phase that is overdue or due within three days.

    "Today" is the hub's own date (a job at 00:30 in Helsinki is already on the next day
    there while it is still yesterday in Oslo); `today` overrides it for every hub.
    Once per day per phase: `reminded_on` is set in the same transaction as the reminder is
    queued, and a phase already reminded today is skipped (the row is locked, so two
    reminder jobs at once remind once). Returns how many phases were reminded.
    """
    reminded = 0
    for zone in Hub.objects.order_by().values_list("timezone", flat=True).distinct():
        reminded += _remind_phases(zone=zone, today=today or date_in(zone))
    return reminded


def _remind_phases(*, zone: str, today: date) -> int:
    soon = today + timedelta(days=REMIND_DAYS_BEFORE)
    candidates = list(
        PhaseRun.objects.filter(status__in=[PhaseStatus.CURRENT, PhaseStatus.UPCOMING], due_on__lte=soon)
        .filter(run__hub__timezone=zone)
        .filter(Q(reminded_on__isnull=True) | Q(reminded_on__lt=today))
        .exclude(status=PhaseStatus.UPCOMING, starts_on__gt=today)
        .values_list("pk", flat=True)
    )
    reminded = 0
    for pk in candidates:
        with transaction.atomic():
            phase = (
                PhaseRun.objects.select_for_update(of=("self",))
                .select_related("run", "run__hub", "run__initiative", "run__initiative__owner")
                .filter(pk=pk)
                .first()
            )
            if phase is None or phase.status == PhaseStatus.CLOSED:
                continue
            if phase.reminded_on is not None and phase.reminded_on >= today:
                continue
            phase.reminded_on = today
            phase.save(update_fields=["reminded_on"])
            open_deliverables = list(phase.deliverables.filter(done=False).order_by("position"))
            notify(
                run_owners(phase.run),
                template="processes/email/phase_reminder.txt",
                context={
                    "run": phase.run,
                    "phase": phase,
                    "overdue": phase.due_on < today,
                    "days_left": (phase.due_on - today).days,
                    "open_deliverables": open_deliverables,
                },
            )
            reminded += 1
    return reminded
