"""Every change to results and progress reports. Keyword-only; each checks permission, writes in
one transaction and tells people only after the checks pass. Errors are translated
`ValidationError`s keyed by form field, or `PermissionDenied`."""

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from apps.audit.services import audit_record
from apps.core.documents import BadDocument, check_document
from apps.core.images import (
    TooManyPixels,
    UnreadableImage,
    read_image,
    too_many_pixels_message,
    without_metadata,
)
from apps.core.permissions import require
from apps.hubs.models import Hub
from apps.initiatives.models import Initiative
from apps.initiatives.services import notify_followers
from apps.knowledge.models import Indicator, Observation
from apps.notifications.services import notify
from apps.places.models import Area
from apps.results.models import (
    EARLIEST_DATE,
    LATEST_DATE,
    TEXT_MAX,
    VALUE_DECIMALS,
    VALUE_DIGITS,
    Evidence,
    ProgressReport,
    ReportPhoto,
    Result,
    Status,
)
from apps.results.selectors import participants

IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
DOCUMENT_TYPES = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}
MAX_VALUE = Decimal(10) ** (VALUE_DIGITS - VALUE_DECIMALS)


def _error(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


# Checks ---------------------------------------------------------------------------------------


def clean_value(raw: Any, field: str, *, required: bool = True) -> Decimal | None:
    """A number as a Decimal ("1 500,5" and "1500.5" alike), or a translated error: not a
    number, not finite, too large or with more than four decimals."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if required:
            raise _error(field, _("Enter a number."), "required")
        return None
    if isinstance(raw, bool):
        raise _error(field, _("Enter a number, such as 12 or 3,5."), "invalid")
    if isinstance(raw, float):
        raw = repr(raw)
    text = str(raw).strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        value = Decimal(text)
    except (InvalidOperation, ValueError) as exc:
        raise _error(field, _("Enter a number, such as 12 or 3,5."), "invalid") from exc
    if not value.is_finite():
        raise _error(field, _("Enter a number, such as 12 or 3,5."), "invalid")
    if abs(value) >= MAX_VALUE:
        raise _error(field, _("The number is too large."), "too_large")
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -VALUE_DECIMALS:
        raise _error(
            field,
            _("Use at most %(decimals)d decimals.") % {"decimals": VALUE_DECIMALS},
            "decimals",
        )
    return value


def clean_date(value: Any, field: str, *, required: bool = True) -> date | None:
    if value is None or value == "":
        if required:
            raise _error(field, _("Enter a date."), "required")
        return None
    if not isinstance(value, date):
        raise _error(field, _("Enter a valid date."), "invalid")
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise _error(
            field,
            _("Choose a date between %(first)s and %(last)s.")
            % {"first": EARLIEST_DATE.year, "last": LATEST_DATE.year},
            "out_of_range",
        )
    return value


def _clean_title(title: str) -> str:
    title = (title or "").strip()
    if not title:
        raise _error("title", _("Give it a title."), "required")
    if len(title) > 200:
        raise _error("title", _("The title can be at most 200 characters long."), "max_length")
    return title


def _clean_text(text: str, field: str, *, required: bool) -> str:
    text = (text or "").replace("\r\n", "\n").strip()
    if required and not text:
        raise _error(field, _("Write the text."), "required")
    if len(text) > TEXT_MAX:
        raise _error(
            field, _("The text can be at most %(max)d characters long.") % {"max": TEXT_MAX}, "max_length"
        )
    return text


def _scope(hub: Hub, initiative: Initiative | None) -> Any:
    """What permissions are asked about: the initiative, or the hub for the hub's own results."""
    if initiative is not None and initiative.hub_id != hub.pk:
        raise ValidationError(_("The initiative belongs to another hub."), code="other_hub")
    return initiative if initiative is not None else hub


def _check_indicator(
    *, hub: Hub, initiative: Initiative | None, indicator: Indicator | None, area: Area | None, name: str
) -> tuple[Indicator | None, Area | None, str]:
    """The result's indicator: a knowledge indicator of this hub with data for the area (the
    initiative's, or the one chosen for a hub result), or an own name."""
    if indicator is None:
        name = (name or "").strip()
        if not name:
            raise _error(
                "indicator_name",
                _("Name the indicator, or choose one of the hub's knowledge indicators."),
                "required",
            )
        if len(name) > 200:
            raise _error("indicator_name", _("The name can be at most 200 characters long."), "max_length")
        return None, None, name
    if indicator.hub_id != hub.pk:
        raise _error("indicator", _("This indicator belongs to another hub."), "other_hub")
    if initiative is not None:
        area = initiative.area
        if area is None:
            raise _error(
                "indicator",
                _("The initiative has no area, so it cannot be read against a knowledge indicator."),
                "no_area",
            )
    if area is None:
        raise _error("area", _("Choose the area to read the indicator for."), "required")
    if area.hub_id != hub.pk:
        raise _error("area", _("The area belongs to another hub."), "other_hub")
    if not Observation.objects.filter(indicator=indicator, area=area).exists():
        raise _error(
            "indicator",
            _("%(indicator)s has no data for %(area)s. Choose another indicator or name your own.")
            % {"indicator": indicator.name, "area": area.name},
            "no_data",
        )
    return indicator, area, ""


# Results --------------------------------------------------------------------------------------


@transaction.atomic
def result_create(
    *,
    hub: Hub,
    actor: Any,
    initiative: Initiative | None = None,
    title: str,
    description: str = "",
    indicator: Indicator | None = None,
    area: Area | None = None,
    indicator_name: str = "",
    unit: str = "",
    baseline: Any,
    baseline_date: date | None = None,
    target: Any,
    target_date: Any,
    publish: bool = False,
) -> Result:
    """A desired result of an initiative (or of the hub itself), a draft unless `publish`."""
    require(actor, "results.manage_results", _scope(hub, initiative))
    indicator, area, indicator_name = _check_indicator(
        hub=hub, initiative=initiative, indicator=indicator, area=area, name=indicator_name
    )
    result = Result(
        hub=hub,
        initiative=initiative,
        title=_clean_title(title),
        description=_clean_text(description, "description", required=False),
        indicator=indicator,
        area=area,
        indicator_name=indicator_name,
        unit="" if indicator else (unit or "").strip()[:40],
        baseline=clean_value(baseline, "baseline"),
        baseline_date=clean_date(baseline_date, "baseline_date", required=False),
        target=clean_value(target, "target"),
        target_date=clean_date(target_date, "target_date"),  # type: ignore[misc]
        status=Status.PUBLISHED if publish else Status.DRAFT,
        created_by=actor,
    )
    result.save()
    return result


@transaction.atomic
def result_update(
    *,
    result: Result,
    actor: Any,
    title: str,
    description: str = "",
    indicator: Indicator | None = None,
    area: Area | None = None,
    indicator_name: str = "",
    unit: str = "",
    baseline: Any,
    baseline_date: date | None = None,
    target: Any,
    target_date: Any,
) -> Result:
    locked = (
        Result.objects.select_for_update(of=("self",))
        .select_related("hub", "initiative__area")
        .get(pk=result.pk)
    )
    require(actor, "results.manage_results", locked)
    indicator, area, indicator_name = _check_indicator(
        hub=locked.hub, initiative=locked.initiative, indicator=indicator, area=area, name=indicator_name
    )
    locked.title = _clean_title(title)
    locked.description = _clean_text(description, "description", required=False)
    locked.indicator, locked.area, locked.indicator_name = indicator, area, indicator_name
    locked.unit = "" if indicator else (unit or "").strip()[:40]
    locked.baseline = clean_value(baseline, "baseline")
    locked.baseline_date = clean_date(baseline_date, "baseline_date", required=False)
    locked.target = clean_value(target, "target")
    locked.target_date = clean_date(target_date, "target_date")  # type: ignore[assignment]
    locked.save()
    return locked


@transaction.atomic
def result_set_status(*, result: Result, actor: Any, status: str) -> Result:
    require(actor, "results.manage_results", result)
    if status not in Status.values:
        raise _error("status", _("Choose a valid status."), "invalid")
    Result.objects.filter(pk=result.pk).update(status=status, updated_at=timezone.now())
    result.status = status
    return result


@transaction.atomic
def result_delete(*, result: Result, actor: Any) -> None:
    require(actor, "results.manage_results", result)
    result.delete()


# Progress reports -----------------------------------------------------------------------------


def _check_measure(
    *, hub: Hub, initiative: Initiative | None, result: Result | None, value: Any, measured_on: Any
) -> tuple[Result | None, Decimal | None, date | None]:
    number = clean_value(value, "value", required=False)
    day = clean_date(measured_on, "measured_on", required=False)
    if result is not None and (
        result.hub_id != hub.pk or result.initiative_id != getattr(initiative, "pk", None)
    ):
        raise _error("result", _("Choose one of this initiative's results."), "other_scope")
    if number is not None and result is None:
        raise _error("result", _("Choose the result the value measures."), "required")
    return result, number, day


def _clean_url(url: str) -> str:
    url = (url or "").strip()
    if url and not url.lower().startswith(("https://", "http://")):
        raise _error("evidence_url", _("Enter a web address that starts with https://."), "invalid")
    if len(url) > 500:
        raise _error("evidence_url", _("The address can be at most 500 characters long."), "max_length")
    return url


@transaction.atomic
def report_create(
    *,
    hub: Hub,
    actor: Any,
    initiative: Initiative | None = None,
    title: str,
    text: str,
    result: Result | None = None,
    value: Any = None,
    measured_on: Any = None,
    evidence_url: str = "",
    is_final: bool = False,
) -> ProgressReport:
    """A progress report, saved as a draft: evidence and photos are added before it is published."""
    require(actor, "results.manage_results", _scope(hub, initiative))
    result, number, day = _check_measure(
        hub=hub, initiative=initiative, result=result, value=value, measured_on=measured_on
    )
    if is_final and initiative is None:
        raise _error("is_final", _("Only an initiative has a final report."), "hub_final")
    if is_final and ProgressReport.objects.filter(initiative=initiative, is_final=True).exists():
        raise _error("is_final", _("The initiative already has a final report."), "duplicate")
    report = ProgressReport(
        hub=hub,
        initiative=initiative,
        title=_clean_title(title),
        text=_clean_text(text, "text", required=True),
        result=result,
        value=number,
        measured_on=day if day else (timezone.localdate() if number is not None else None),
        evidence_url=_clean_url(evidence_url),
        is_final=is_final,
        author=actor,
    )
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError as exc:  # two final reports at once: the constraint lets one through
        raise _error("is_final", _("The initiative already has a final report."), "duplicate") from exc
    return report


@transaction.atomic
def report_update(
    *,
    report: ProgressReport,
    actor: Any,
    title: str,
    text: str,
    result: Result | None = None,
    value: Any = None,
    measured_on: Any = None,
    evidence_url: str = "",
) -> ProgressReport:
    locked = (
        ProgressReport.objects.select_for_update(of=("self",))
        .select_related("hub", "initiative")
        .get(pk=report.pk)
    )
    require(actor, "results.manage_results", locked)
    result, number, day = _check_measure(
        hub=locked.hub, initiative=locked.initiative, result=result, value=value, measured_on=measured_on
    )
    locked.title = _clean_title(title)
    locked.text = _clean_text(text, "text", required=True)
    locked.result, locked.value, locked.measured_on = result, number, day or locked.measured_on
    locked.evidence_url = _clean_url(evidence_url)
    locked.save()
    return locked


@transaction.atomic
def report_publish(*, report: ProgressReport, actor: Any) -> int:
    """Publish a report. The initiative's followers hear of a progress report; a final report
    closes the loop: everyone who took part is told once, and the log records it. Returns how
    many people were told. Publishing twice (even at the same moment) tells no one again."""
    locked = ProgressReport.objects.select_related("hub", "initiative__hub").get(pk=report.pk)
    require(actor, "results.manage_results", locked)
    now = timezone.now()
    # Claim the report with one conditional update: of two publishers at once only one changes
    # the row (the other's update finds it published), so the people are told once.
    claimed = ProgressReport.objects.filter(pk=locked.pk, status=Status.DRAFT).update(
        status=Status.PUBLISHED, published_at=now, updated_at=now
    )
    if not claimed:
        raise ValidationError(_("The report is already published."), code="published")
    locked.status, locked.published_at = Status.PUBLISHED, now
    initiative = locked.initiative
    told: list[Any] = []
    if initiative is not None and locked.is_final:
        people = [u for u in participants(initiative) if u.pk != getattr(actor, "pk", None)]
        told = notify(
            people,
            template="results/email/final_report.txt",
            context={"initiative": initiative, "report": locked, "hub": locked.hub},
            url=locked.get_absolute_url(),
            hub=locked.hub,
            kind="results",
        )
        locked.participants_told = len(told)
        audit_record(
            hub=locked.hub,
            actor=actor,
            action="results.final_report",
            target=locked,
            label=f"{initiative.title}: {locked.title}",
            data={"initiative": initiative.pk, "told": len(told)},
        )
    elif initiative is not None:
        told = notify_followers(
            initiative,
            template="results/email/progress_report.txt",
            context={"report": locked, "hub": locked.hub},
            url=locked.get_absolute_url(),
            exclude=[actor],
            kind="results",
        )
    ProgressReport.objects.filter(pk=locked.pk).update(participants_told=locked.participants_told)
    report.status, report.published_at = locked.status, locked.published_at
    report.participants_told = locked.participants_told
    return len(told)


@transaction.atomic
def report_delete(*, report: ProgressReport, actor: Any) -> None:
    """Delete a draft. A published report stays: people were told about it."""
    require(actor, "results.manage_results", report)
    if report.status == Status.PUBLISHED:
        raise ValidationError(_("A published report cannot be deleted."), code="published")
    files = [d.file for d in report.documents.all()] + [p.image for p in report.photos.all()]
    report.delete()

    def remove_files() -> None:
        for stored in files:
            stored.delete(save=False)

    transaction.on_commit(remove_files)


# Evidence and photos --------------------------------------------------------------------------


def _check_size(upload: UploadedFile, field: str) -> None:
    limit = settings.MAX_UPLOAD_SIZE
    if upload.size is None or upload.size > limit:
        raise _error(
            field,
            _("The file is too large. The limit is %(mb)s MB.") % {"mb": round(limit / 1048576, 1)},
            "too_large",
        )


def _image(upload: UploadedFile, field: str, *, decode: bool = False) -> str:
    try:
        kind, _w, _h = read_image(upload, IMAGE_FORMATS, decode=decode)
    except TooManyPixels as exc:
        raise _error(field, too_many_pixels_message(), "too_many_pixels") from exc
    except UnreadableImage as exc:
        raise _error(field, _("Upload a JPEG, PNG or WebP image."), "file_type") from exc
    return kind


def _document(upload: UploadedFile) -> tuple[str, Any]:
    """The real type of an uploaded document (PDF or image) and what to store: the PDF as it
    came, an image re-encoded without metadata."""
    wrong = _error("file", _("Upload a PDF or an image (JPEG, PNG or WebP)."), "file_type")
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head == b"%PDF-":
        try:
            check_document(upload, "pdf")
        except BadDocument as exc:
            raise wrong from exc
        return "application/pdf", upload
    try:
        kind = _image(upload, "file", decode=True)
    except ValidationError as exc:
        if exc.error_dict["file"][0].code == "too_many_pixels":
            raise
        raise wrong from exc
    clean, _w, _h = without_metadata(upload, kind)
    return f"image/{kind.lower()}", clean


@transaction.atomic
def evidence_add(*, report: ProgressReport, actor: Any, file: UploadedFile, name: str = "") -> Evidence:
    require(actor, "results.manage_results", report)
    _check_size(file, "file")
    content_type, stored = _document(file)
    original = (file.name or "").rsplit("/", 1)[-1]
    label = ((name or "").strip() or original.rsplit(".", 1)[0] or _("Document"))[:200]
    stored.name = f"{slugify(label)[:60] or 'document'}.{DOCUMENT_TYPES[content_type]}"
    document = Evidence(
        report=report,
        file=stored,
        name=label,
        content_type=content_type,
        size=stored.size or 0,
        uploaded_by=actor,
    )
    document.save()
    return document


@transaction.atomic
def evidence_remove(*, document: Evidence, actor: Any) -> None:
    require(actor, "results.manage_results", document.report)
    stored = document.file
    document.delete()
    transaction.on_commit(lambda: stored.delete(save=False))


@transaction.atomic
def photo_add(*, report: ProgressReport, actor: Any, image: UploadedFile, alt_text: str) -> ReportPhoto:
    """A photo (JPEG, PNG or WebP) with a text alternative, stored re-encoded without metadata."""
    require(actor, "results.manage_results", report)
    alt_text = (alt_text or "").strip()
    if not alt_text:
        raise _error("alt_text", _("Describe the photo for people who cannot see it."), "alt")
    _check_size(image, "image")
    kind = _image(image, "image")
    clean, width, height = without_metadata(image, kind)
    clean.name = f"{slugify(report.title)[:40] or 'photo'}.{IMAGE_FORMATS[kind]}"
    return ReportPhoto.objects.create(
        report=report, image=clean, alt_text=alt_text[:250], width=width, height=height, uploaded_by=actor
    )


@transaction.atomic
def photo_remove(*, photo: ReportPhoto, actor: Any) -> None:
    require(actor, "results.manage_results", photo.report)
    stored = photo.image
    photo.delete()
    transaction.on_commit(lambda: stored.delete(save=False))
