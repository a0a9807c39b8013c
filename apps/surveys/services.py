"""Every change to surveys and concept votes goes through here.

Each function checks permission, writes inside one transaction, and does its side effects
(notifications) only after commit. Errors are `ValidationError`s with translated messages, or
`PermissionDenied`. One response per person and one ballot per person are unique constraints;
a parallel duplicate gets the same "duplicate" error a slower second request gets.
"""

import datetime
import hashlib
import math
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from shapely.geometry import Point

from apps.audit.services import audit_record
from apps.core.dates import check_window
from apps.core.images import (
    TooManyPixels,
    UnreadableImage,
    read_image,
    too_many_pixels_message,
    without_metadata,
)
from apps.core.permissions import require
from apps.initiatives import services as initiative_services
from apps.notifications.services import notify
from apps.participation.spaces import Space
from apps.places.bounds import check_in_hub
from apps.places.geometry import GeometryError, to_shape
from apps.residents import services as resident_services
from apps.surveys.models import (
    Answer,
    Ballot,
    Batch,
    Channel,
    Concept,
    ConceptVote,
    DeviceMarker,
    Question,
    Response,
    Status,
    Survey,
)
from apps.surveys.sheets import parse_sheet_code

MAX_OPTIONS = 30
MAX_OPTION_LENGTH = 200
MAX_SCALE_SPAN = 10
MAX_TEXT_ANSWER = 5000
IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}


def _clean_text(value: Any) -> str:
    """Text from a form or the API, without NUL characters (PostgreSQL refuses them)."""
    return str(value or "").replace("\x00", "").strip()


def _save(obj: Any) -> None:
    obj.full_clean()
    obj.save()


# One lifecycle for surveys and concept votes ---------------------------------------------
#
# Both are a `Window` (apps.surveys.models): a draft an organiser prepares, opened when it is
# ready, answered while open and inside its window, closed by an organiser (or by its closing
# time). Only what differs is written per kind.


@dataclass(frozen=True)
class _Kind:
    model: type[Survey] | type[ConceptVote]
    fields: frozenset[str]
    add_perm: str
    change_perm: str
    close_action: str
    ready: Callable[[Any], None]  # raises ValidationError when the draft cannot open yet
    participants: Callable[[Any], QuerySet[Any]]  # the signed-in people who took part
    already_open: Promise
    past: Promise
    not_open: Promise
    is_vote: bool


def _survey_ready(survey: Survey) -> None:
    if not survey.questions.exists():
        raise ValidationError(_("Add at least one question before opening the survey."), code="empty")


def _vote_ready(vote: ConceptVote) -> None:
    if vote.concepts.count() < 2:
        raise ValidationError(_("Add at least two concepts before opening the vote."), code="empty")


SURVEY = _Kind(
    model=Survey,
    fields=frozenset({"title", "intro", "allow_anonymous", "opens_at", "closes_at"}),
    add_perm="surveys.add_survey",
    change_perm="surveys.change_survey",
    close_action="surveys.survey_close",
    ready=_survey_ready,
    participants=lambda survey: get_user_model().objects.filter(
        pk__in=Response.objects.filter(survey=survey, respondent__isnull=False).values("respondent")
    ),
    already_open=gettext_lazy("The survey is already open."),
    past=gettext_lazy("The closing time has passed. Change it before opening the survey."),
    not_open=gettext_lazy("Only an open survey can be closed."),
    is_vote=False,
)
VOTE = _Kind(
    model=ConceptVote,
    fields=frozenset({"title", "intro", "opens_at", "closes_at", "results_live"}),
    add_perm="surveys.add_vote",
    change_perm="surveys.change_vote",
    close_action="surveys.vote_close",
    ready=_vote_ready,
    participants=lambda vote: get_user_model().objects.filter(
        pk__in=Ballot.objects.filter(vote=vote, voter__isnull=False).values("voter")
    ),
    already_open=gettext_lazy("The vote is already open."),
    past=gettext_lazy("The closing time has passed. Change it before opening the vote."),
    not_open=gettext_lazy("Only an open vote can be closed."),
    is_vote=True,
)


# A survey or vote opens at most a year back (one entered afterwards, e.g. run on paper last
# season) and at most two years ahead (planning further out is a typing slip, not a plan); it
# runs at most two years. Dates already saved are checked again only when they change, so an
# old survey's title can still be corrected.
PAST_DAYS = 366
FUTURE_DAYS = 2 * 366
LONGEST = datetime.timedelta(days=2 * 366)


def _check_dates(kind: _Kind, item: Any, *, before: tuple[Any, Any] = (None, None)) -> None:
    """Field-specific errors for a survey's or vote's opening and closing times."""
    opens_at, closes_at = item.opens_at, item.closes_at
    for name, value in (("opens_at", opens_at), ("closes_at", closes_at)):
        if value is not None and (not isinstance(value, datetime.datetime) or timezone.is_naive(value)):
            raise ValidationError(
                {name: ValidationError(_("Give a date and a time with a time zone."), code="invalid")}
            )
    if opens_at and closes_at and closes_at < opens_at:
        message = (
            _("The vote cannot close before it opens.")
            if kind.is_vote
            else _("The survey cannot close before it opens.")
        )
        raise ValidationError({"closes_at": ValidationError(message, code="ends_before_start")})
    if opens_at != before[0]:
        check_window(opens_at, field="opens_at", past_days=PAST_DAYS, future_days=FUTURE_DAYS)
    if closes_at != before[1]:
        check_window(closes_at, field="closes_at", past_days=PAST_DAYS, future_days=FUTURE_DAYS)
    if opens_at and closes_at and closes_at - opens_at > LONGEST and (opens_at, closes_at) != before:
        message = (
            _("A vote can be open for at most two years.")
            if kind.is_vote
            else _("A survey can be open for at most two years.")
        )
        raise ValidationError({"closes_at": ValidationError(message, code="too_long")})


def _editable_fields(kind: _Kind, fields: dict[str, Any]) -> None:
    unknown = set(fields) - kind.fields
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")


def _create(kind: _Kind, *, space: Space, actor: Any, title: str, fields: dict[str, Any]) -> Any:
    require(actor, kind.add_perm, space)
    _editable_fields(kind, fields)
    item = kind.model(title=_clean_text(title), created_by=actor, **fields)
    item.intro = _clean_text(item.intro)
    item.set_space(space)
    _check_dates(kind, item)
    with transaction.atomic():
        _save(item)
    return item


def _update(kind: _Kind, *, item: Any, actor: Any, fields: dict[str, Any]) -> Any:
    require(actor, kind.change_perm, item)
    _editable_fields(kind, fields)
    before = (item.opens_at, item.closes_at)
    for name, value in fields.items():
        setattr(item, name, _clean_text(value) if name in {"title", "intro"} else value)
    _check_dates(kind, item, before=before)
    with transaction.atomic():
        _save(item)
    return item


def _open(kind: _Kind, *, item: Any, actor: Any) -> Any:
    require(actor, kind.change_perm, item)
    with transaction.atomic():
        locked = kind.model.objects.select_for_update().get(pk=item.pk)
        if locked.status == Status.OPEN:
            raise ValidationError(str(kind.already_open), code="open")
        kind.ready(locked)
        if locked.closes_at and locked.closes_at <= timezone.now():
            raise ValidationError(str(kind.past), code="past")
        locked.status = Status.OPEN
        locked.save(update_fields=["status", "updated_at"])
    item.status = locked.status
    return locked


def _close(kind: _Kind, *, item: Any, actor: Any) -> Any:
    """Close it: one audit entry, and everyone who took part hears where the results are."""
    require(actor, kind.change_perm, item)
    with transaction.atomic():
        locked = kind.model.objects.select_for_update().get(pk=item.pk)
        if locked.status != Status.OPEN:
            raise ValidationError(str(kind.not_open), code="not_open")
        locked.status = Status.CLOSED
        locked.save(update_fields=["status", "updated_at"])
        audit_record(hub=locked.hub, actor=actor, action=kind.close_action, target=locked)
        _tell_closed(locked, kind.participants(locked), actor, is_vote=kind.is_vote)
    item.status = locked.status
    return locked


# Surveys ------------------------------------------------------------------------------


def survey_create(*, space: Space, actor: Any, title: str, **fields: Any) -> Survey:
    """An organiser starts a survey (a draft) in a space."""
    return _create(SURVEY, space=space, actor=actor, title=title, fields=fields)


def survey_update(*, survey: Survey, actor: Any, **fields: Any) -> Survey:
    return _update(SURVEY, item=survey, actor=actor, fields=fields)


def _require_draft(survey: Survey) -> None:
    if survey.status != Status.DRAFT:
        raise ValidationError(
            _("Questions can only be changed while the survey is a draft."), code="not_draft"
        )


def _clean_question(
    *,
    kind: str,
    text: str,
    options: Iterable[str],
    scale_min: int,
    scale_max: int,
) -> tuple[str, list[str]]:
    if kind not in Question.Kind.values:
        raise ValidationError({"kind": _("Choose a kind of question.")})
    text = _clean_text(text)
    if not text:
        raise ValidationError({"text": _("Write the question.")})
    cleaned: list[str] = []
    if kind in Question.CHOICE_KINDS:
        cleaned = [_clean_text(o) for o in options if _clean_text(o)]
        if len(cleaned) < 2:
            raise ValidationError({"options": _("Give at least two options, one per line.")})
        if len(cleaned) > MAX_OPTIONS:
            raise ValidationError({"options": _("At most %(count)d options.") % {"count": MAX_OPTIONS}})
        if any(len(o) > MAX_OPTION_LENGTH for o in cleaned):
            raise ValidationError(
                {
                    "options": _("Each option may be at most %(count)d characters.")
                    % {"count": MAX_OPTION_LENGTH}
                }
            )
        if len({o.casefold() for o in cleaned}) != len(cleaned):
            raise ValidationError({"options": _("Two options are the same.")})
    if kind == Question.Kind.SCALE and not (scale_min < scale_max <= scale_min + MAX_SCALE_SPAN):
        raise ValidationError(
            {
                "scale_max": _("The highest value must be above the lowest, at most %(span)d steps up.")
                % {"span": MAX_SCALE_SPAN}
            }
        )
    return text, cleaned


def question_add(
    *,
    survey: Survey,
    actor: Any,
    kind: str,
    text: str,
    required: bool = True,
    help: str = "",  # noqa: A002 - the field's name
    options: Iterable[str] = (),
    scale_min: int = 1,
    scale_max: int = 5,
    min_label: str = "",
    max_label: str = "",
) -> Question:
    require(actor, "surveys.change_survey", survey)
    text, cleaned = _clean_question(
        kind=kind, text=text, options=options, scale_min=scale_min, scale_max=scale_max
    )
    with transaction.atomic():
        locked = Survey.objects.select_for_update().get(pk=survey.pk)
        _require_draft(locked)
        last = locked.questions.aggregate(last=Max("position"))["last"]
        question = Question(
            survey=locked,
            position=(last or 0) + 1,
            kind=kind,
            text=text,
            help=_clean_text(help),
            required=required,
            options=cleaned,
            scale_min=scale_min if kind == Question.Kind.SCALE else 1,
            scale_max=scale_max if kind == Question.Kind.SCALE else 5,
            min_label=_clean_text(min_label) if kind == Question.Kind.SCALE else "",
            max_label=_clean_text(max_label) if kind == Question.Kind.SCALE else "",
        )
        _save(question)
    return question


def question_update(*, question: Question, actor: Any, **fields: Any) -> Question:
    survey = question.survey
    require(actor, "surveys.change_survey", survey)
    allowed = {
        "kind",
        "text",
        "help",
        "required",
        "options",
        "scale_min",
        "scale_max",
        "min_label",
        "max_label",
    }
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    merged = {name: fields.get(name, getattr(question, name)) for name in allowed}
    text, cleaned = _clean_question(
        kind=merged["kind"],
        text=merged["text"],
        options=merged["options"],
        scale_min=merged["scale_min"],
        scale_max=merged["scale_max"],
    )
    with transaction.atomic():
        _require_draft(Survey.objects.select_for_update().get(pk=survey.pk))
        question.kind, question.text, question.options = merged["kind"], text, cleaned
        question.help = _clean_text(merged["help"])
        question.required = bool(merged["required"])
        is_scale = question.kind == Question.Kind.SCALE
        question.scale_min = merged["scale_min"] if is_scale else 1
        question.scale_max = merged["scale_max"] if is_scale else 5
        question.min_label = _clean_text(merged["min_label"]) if is_scale else ""
        question.max_label = _clean_text(merged["max_label"]) if is_scale else ""
        _save(question)
    return question


def question_delete(*, question: Question, actor: Any) -> None:
    require(actor, "surveys.change_survey", question.survey)
    with transaction.atomic():
        _require_draft(Survey.objects.select_for_update().get(pk=question.survey_id))
        question.delete()


def survey_open(*, survey: Survey, actor: Any) -> Survey:
    """Open a draft (it needs questions) or reopen a closed survey."""
    return _open(SURVEY, item=survey, actor=actor)


def survey_close(*, survey: Survey, actor: Any) -> Survey:
    return _close(SURVEY, item=survey, actor=actor)


def _tell_closed(item: Survey | ConceptVote, people: Iterable[Any], actor: Any, *, is_vote: bool) -> None:
    """Everyone who answered or voted (signed in) hears that it is closed and where the results are."""
    notify(
        [u for u in people if u.pk != getattr(actor, "pk", None)],
        template="surveys/email/closed.txt",
        context={"item": item, "is_vote": is_vote, "hub": item.hub},
        url=item.get_absolute_url(),
        kind="survey",
    )


# Answers ------------------------------------------------------------------------------


def _as_int(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError("not a number")
    if isinstance(value, int):
        return value
    text = str(value).strip()
    if not text.lstrip("-").isdigit() or len(text) > 6:
        raise ValueError("not a number")
    return int(text)


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, tuple)):
        return all(_blank(v) for v in value)
    if isinstance(value, dict):
        return all(_blank(v) for v in value.values())
    return False


def _inside(boundary: dict | None, lon: float, lat: float) -> bool:
    if not boundary:
        return True
    try:
        return bool(to_shape(boundary).covers(Point(lon, lat)))
    except GeometryError:
        return True  # a broken boundary must not stop people from answering


def clean_answer(
    question: Question, value: Any, *, boundary: dict | None = None, hub: Any = None
) -> dict[str, Any] | None:
    """The Answer fields for one question's raw value, None when it is unanswered, or a
    ValidationError saying what is wrong.

    Raw values: single — an option index; multiple — a list of option indices; ranking — the
    rank (1…n) given to each option, in option order; scale — a number; text — a string;
    point — {"lon": …, "lat": …} (or a pair).
    """
    if _blank(value):
        return None
    kind = question.kind
    count = len(question.options)
    if kind == Question.Kind.SINGLE:
        try:
            index = _as_int(value[0] if isinstance(value, (list, tuple)) and len(value) == 1 else value)
        except (ValueError, TypeError) as exc:
            raise ValidationError(_("Choose one of the options."), code="invalid") from exc
        if not 0 <= index < count:
            raise ValidationError(_("Choose one of the options."), code="invalid")
        return {"choices": [index]}
    if kind == Question.Kind.MULTIPLE:
        values = value if isinstance(value, (list, tuple)) else [value]
        try:
            indices = sorted({_as_int(v) for v in values if not _blank(v)})
        except (ValueError, TypeError) as exc:
            raise ValidationError(_("Choose among the options."), code="invalid") from exc
        if any(not 0 <= i < count for i in indices):
            raise ValidationError(_("Choose among the options."), code="invalid")
        return {"choices": indices}
    if kind == Question.Kind.RANKING:
        message = _("Give each option a different rank from 1 to %(count)d.") % {"count": count}
        if not isinstance(value, (list, tuple)) or len(value) != count:
            raise ValidationError(message, code="ranking")
        try:
            ranks = [_as_int(v) for v in value]
        except (ValueError, TypeError) as exc:
            raise ValidationError(message, code="ranking") from exc
        if sorted(ranks) != list(range(1, count + 1)):
            raise ValidationError(message, code="ranking")
        return {"choices": sorted(range(count), key=lambda i: ranks[i])}
    if kind == Question.Kind.SCALE:
        message = _("Choose a value from %(min)d to %(max)d.") % {
            "min": question.scale_min,
            "max": question.scale_max,
        }
        try:
            number = _as_int(value)
        except (ValueError, TypeError) as exc:
            raise ValidationError(message, code="scale") from exc
        if not question.scale_min <= number <= question.scale_max:
            raise ValidationError(message, code="scale")
        return {"number": number}
    if kind == Question.Kind.TEXT:
        if not isinstance(value, str):
            raise ValidationError(_("Write your answer as text."), code="invalid")
        text = _clean_text(value)
        if len(text) > MAX_TEXT_ANSWER:
            raise ValidationError(
                _("Keep your answer under %(count)d characters.") % {"count": MAX_TEXT_ANSWER}, code="long"
            )
        return {"text": text} if text else None
    if kind == Question.Kind.POINT:
        if isinstance(value, dict):
            raw_lon, raw_lat = value.get("lon"), value.get("lat")
        elif isinstance(value, (list, tuple)) and len(value) == 2:
            raw_lon, raw_lat = value
        else:
            raise ValidationError(_("Give a longitude and a latitude."), code="point")
        try:
            lon, lat = float(str(raw_lon).replace(",", ".")), float(str(raw_lat).replace(",", "."))
        except (ValueError, TypeError) as exc:
            raise ValidationError(_("Give a longitude and a latitude as numbers."), code="point") from exc
        if not (math.isfinite(lon) and math.isfinite(lat) and -180 <= lon <= 180 and -90 <= lat <= 90):
            raise ValidationError(_("That is not a place on Earth."), code="point")
        if not _inside(boundary, lon, lat):
            raise ValidationError(_("Choose a point inside the area of this survey."), code="outside")
        if hub is not None:
            try:
                check_in_hub(hub, lon=lon, lat=lat, field="point")
            except ValidationError as exc:
                raise ValidationError(exc.messages[0], code="outside") from exc
        return {"lon": round(lon, 6), "lat": round(lat, 6)}
    raise ValidationError(_("Unknown kind of question."), code="invalid")  # pragma: no cover


def clean_answers(
    *,
    questions: Iterable[Question],
    raw: Mapping[Any, Any],
    boundary: dict | None = None,
    hub: Any = None,
    enforce_required: bool = True,
) -> dict[int, dict[str, Any]]:
    """Every question's Answer fields; a ValidationError keyed `q<id>` lists all problems."""
    errors: dict[str, list[str]] = {}
    cleaned: dict[int, dict[str, Any]] = {}
    for question in questions:
        value = raw.get(question.pk, raw.get(str(question.pk)))
        try:
            result = clean_answer(question, value, boundary=boundary, hub=hub)
        except ValidationError as exc:
            errors[f"q{question.pk}"] = exc.messages
            continue
        if result is None:
            if question.required and enforce_required:
                errors[f"q{question.pk}"] = [_("Please answer this question.")]
            continue
        cleaned[question.pk] = result
    if errors:
        raise ValidationError(errors)
    return cleaned


def _duplicate_response() -> ValidationError:
    return ValidationError(
        _("You have already answered this survey. Thank you — your answers are counted once."),
        code="duplicate",
    )


def _device_hash(device: str) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}:device:{device}".encode()).hexdigest()


def _duplicate_device() -> ValidationError:
    return ValidationError(
        _("This survey has already been answered from this browser. Thank you — answers are counted once."),
        code="device",
    )


def response_submit(
    *,
    survey: Survey,
    user: Any,
    answers: Mapping[Any, Any],
    groups: Mapping[str, Any] | None = None,
    device: str | None = None,
) -> Response:
    """Someone answers a survey online: all answers (and resident groups, when the hub asks) are
    checked, then saved together, once. Without signing in, once per browser (`device`, the
    random id of its device cookie), besides the per-address limit in the view."""
    require(user, "surveys.answer_survey", survey)
    if not survey.is_accepting():
        raise ValidationError(_("This survey is not open for answers."), code="closed")
    respondent = user if user.is_authenticated else None
    questions = list(survey.questions.all())
    cleaned = clean_answers(
        questions=questions, raw=answers, boundary=survey.space.boundary(), hub=survey.hub
    )
    if not cleaned:
        raise ValidationError(_("Answer at least one question."), code="empty")
    with transaction.atomic():
        if respondent is not None and Response.objects.filter(survey=survey, respondent=respondent).exists():
            raise _duplicate_response()
        snapshot = resident_services.snapshot_for(person=user, hub=survey.hub, raw=groups or {})
        try:
            with transaction.atomic():
                if respondent is None and device:
                    DeviceMarker.objects.create(survey=survey, device=_device_hash(device))
                response = Response.objects.create(survey=survey, respondent=respondent, groups=snapshot)
                Answer.objects.bulk_create(
                    Answer(response=response, question_id=question_id, **fields)
                    for question_id, fields in cleaned.items()
                )
        except IntegrityError as exc:
            if respondent is None:
                raise _duplicate_device() from exc
            raise _duplicate_response() from exc
    return response


def purge_device_markers(*, before: datetime.datetime, hub: Any = None) -> int:
    """Forget which browsers answered anonymously before `before` (in one hub's surveys, or in
    all): the privacy retention job calls this per hub. Returns how many markers were removed."""
    markers = DeviceMarker.objects.filter(created_at__lt=before)
    if hub is not None:
        markers = markers.filter(survey__hub=hub)
    deleted, _by_model = markers.delete()
    return deleted


# Paper and face-to-face answers (entered by a facilitator) --------------------------------


def _kind_of(item: Survey | ConceptVote) -> str:
    return "v" if isinstance(item, ConceptVote) else "s"


def batch_create(
    *,
    item: Survey | ConceptVote,
    actor: Any,
    channel: str,
    label: str,
    received_on: datetime.date,
    expected_sheets: int = 0,
) -> Batch:
    """A facilitator starts a batch (a pile of paper sheets, a workshop, interviews). The same
    label again in the same survey or vote is refused: a batch is entered once."""
    is_vote = isinstance(item, ConceptVote)
    require(actor, "surveys.enter_vote_answers" if is_vote else "surveys.enter_survey_answers", item)
    label = _clean_text(label)
    errors: dict[str, str] = {}
    if channel not in Channel.values or channel == Channel.ONLINE:
        errors["channel"] = _("Choose paper, workshop or interview.")
    if not label:
        errors["label"] = _("Name the batch, e.g. “Library, box 3”.")
    elif len(label) > 80:
        errors["label"] = _("Keep the name under 80 characters.")
    if not isinstance(expected_sheets, int) or not 0 <= expected_sheets <= 10000:
        errors["expected_sheets"] = _("Give a number from 0 to 10 000.")
    if errors:
        raise ValidationError(errors)
    if item.status == Status.DRAFT:
        raise ValidationError(_("Open it before entering answers."), code="draft")
    duplicate = ValidationError(
        {"label": _("A batch called “%(label)s” has already been entered here.") % {"label": label}},
        code="duplicate_batch",
    )
    target = {"vote": item} if is_vote else {"survey": item}
    with transaction.atomic():
        if Batch.objects.filter(label__iexact=label, **target).exists():
            raise duplicate
        try:
            with transaction.atomic():
                batch = Batch.objects.create(
                    channel=channel,
                    label=label,
                    received_on=received_on,
                    expected_sheets=expected_sheets,
                    entered_by=actor,
                    **target,
                )
        except IntegrityError as exc:
            raise duplicate from exc
    return batch


def _sheet_code(batch: Batch, item: Survey | ConceptVote, code: str) -> str:
    """The canonical sheet code, required on paper; a workshop or interview may give none."""
    if not _clean_text(code) and batch.channel != Channel.PAPER:
        return ""
    canonical = parse_sheet_code(_kind_of(item), item.pk, code)
    if canonical is None:
        raise ValidationError(
            {
                "sheet_code": _(
                    "This is not a sheet code of this form. Check the code printed at the top of the sheet."
                )
            }
        )
    return canonical


def _sheet_entered(code: str) -> ValidationError:
    return ValidationError(
        {"sheet_code": _("Sheet %(code)s has already been entered.") % {"code": code}}, code="sheet_entered"
    )


def sheet_enter(
    *,
    batch: Batch,
    actor: Any,
    answers: Mapping[Any, Any],
    sheet_code: str = "",
    groups: Mapping[str, Any] | None = None,
) -> Response:
    """A facilitator enters one paper sheet, workshop or interview answer to a survey. The sheet
    code is unique in the survey, so a sheet counts once, also when two people enter it at once."""
    survey = batch.survey
    assert survey is not None
    require(actor, "surveys.enter_survey_answers", survey)
    code = _sheet_code(batch, survey, sheet_code)
    questions = list(survey.questions.all())
    cleaned = clean_answers(
        questions=questions,
        raw=answers,
        boundary=survey.space.boundary(),
        hub=survey.hub,
        enforce_required=False,
    )
    snapshot = resident_services.clean_groups(hub=survey.hub, raw=groups or {})
    if not cleaned:
        raise ValidationError(_("Answer at least one question."), code="empty")
    with transaction.atomic():
        if code and Response.objects.filter(survey=survey, sheet_code=code).exists():
            raise _sheet_entered(code)
        try:
            with transaction.atomic():
                response = Response.objects.create(
                    survey=survey, channel=batch.channel, batch=batch, sheet_code=code, groups=snapshot
                )
                Answer.objects.bulk_create(
                    Answer(response=response, question_id=question_id, **fields)
                    for question_id, fields in cleaned.items()
                )
        except IntegrityError as exc:
            raise _sheet_entered(code) from exc
    return response


def ballot_enter(
    *,
    batch: Batch,
    actor: Any,
    concept: Concept | None,
    sheet_code: str = "",
    groups: Mapping[str, Any] | None = None,
) -> Ballot:
    """A facilitator enters one paper or workshop ballot of a concept vote, once per sheet code."""
    vote = batch.vote
    assert vote is not None
    require(actor, "surveys.enter_vote_answers", vote)
    code = _sheet_code(batch, vote, sheet_code)
    if concept is None or concept.vote_id != vote.pk:
        raise ValidationError({"concept": _("Choose one of the concepts in this vote.")})
    snapshot = resident_services.clean_groups(hub=vote.hub, raw=groups or {})
    with transaction.atomic():
        if code and Ballot.objects.filter(vote=vote, sheet_code=code).exists():
            raise _sheet_entered(code)
        try:
            with transaction.atomic():
                ballot = Ballot.objects.create(
                    vote=vote,
                    concept=concept,
                    channel=batch.channel,
                    batch=batch,
                    sheet_code=code,
                    groups=snapshot,
                )
        except IntegrityError as exc:
            raise _sheet_entered(code) from exc
    return ballot


# Concept votes ------------------------------------------------------------------------


def vote_create(*, space: Space, actor: Any, title: str, **fields: Any) -> ConceptVote:
    return _create(VOTE, space=space, actor=actor, title=title, fields=fields)


def vote_update(*, vote: ConceptVote, actor: Any, **fields: Any) -> ConceptVote:
    return _update(VOTE, item=vote, actor=actor, fields=fields)


def image_kind(extension: str) -> str:
    """The Pillow format name of one of IMAGE_FORMATS' file extensions."""
    return next(kind for kind, ext in IMAGE_FORMATS.items() if ext == extension)


def validate_image(upload: UploadedFile) -> str:
    """Check an uploaded image (size, and that Pillow can read it); return its file extension."""
    size = upload.size or 0
    if size == 0:
        raise ValidationError({"image": _("The file is empty.")})
    if size > settings.MAX_UPLOAD_SIZE:
        raise ValidationError(
            {
                "image": _("The image is too large (at most %(mb)d MB).")
                % {"mb": settings.MAX_UPLOAD_SIZE // 2**20}
            }
        )
    try:
        image_format, _width, _height = read_image(upload, IMAGE_FORMATS)
    except TooManyPixels as exc:
        raise ValidationError({"image": too_many_pixels_message()}) from exc
    except UnreadableImage as exc:
        raise ValidationError(
            {"image": _("The file is not an image we can read (JPEG, PNG, WebP or GIF).")}
        ) from exc
    return IMAGE_FORMATS[image_format]


def _require_vote_draft(vote: ConceptVote) -> None:
    if vote.status != Status.DRAFT:
        raise ValidationError(_("Concepts can only be changed while the vote is a draft."), code="not_draft")


def concept_add(
    *,
    vote: ConceptVote,
    actor: Any,
    title: str,
    description: str = "",
    image: UploadedFile | None = None,
    image_alt: str = "",
) -> Concept:
    require(actor, "surveys.change_vote", vote)
    title, image_alt = _clean_text(title), _clean_text(image_alt)
    if not title:
        raise ValidationError({"title": _("Give the concept a title.")})
    extension = ""
    if image is not None:
        extension = validate_image(image)
        if not image_alt:
            raise ValidationError({"image_alt": _("Describe the image for people who cannot see it.")})
    with transaction.atomic():
        locked = ConceptVote.objects.select_for_update().get(pk=vote.pk)
        _require_vote_draft(locked)
        last = locked.concepts.aggregate(last=Max("position"))["last"]
        concept = Concept(
            vote=locked,
            position=(last or 0) + 1,
            title=title,
            description=_clean_text(description),
            image_alt=image_alt if image is not None else "",
        )
        concept.full_clean(exclude=["image"])
        if image is not None:
            clean, _width, _height = without_metadata(image, image_kind(extension))
            concept.image.save(f"{uuid.uuid4().hex}.{extension}", clean, save=False)
        concept.save()
    return concept


def concept_delete(*, concept: Concept, actor: Any) -> None:
    require(actor, "surveys.change_vote", concept.vote)
    with transaction.atomic():
        _require_vote_draft(ConceptVote.objects.select_for_update().get(pk=concept.vote_id))
        image = concept.image.name
        concept.delete()
    if image:
        transaction.on_commit(lambda: concept.image.storage.delete(image))


def vote_open(*, vote: ConceptVote, actor: Any) -> ConceptVote:
    """Open a draft (it needs two concepts) or reopen a closed vote."""
    return _open(VOTE, item=vote, actor=actor)


def vote_close(*, vote: ConceptVote, actor: Any) -> ConceptVote:
    return _close(VOTE, item=vote, actor=actor)


def _duplicate_ballot() -> ValidationError:
    return ValidationError(
        _("You have already voted. Each person has one vote, and yours is counted."), code="duplicate"
    )


def ballot_cast(
    *,
    vote: ConceptVote,
    user: Any,
    concept: Concept,
    wants_to_join: bool = False,
    groups: Mapping[str, Any] | None = None,
) -> Ballot:
    """A signed-in person votes for one concept, once. Asking to join the project group (only
    in an initiative's vote) sends a confirmation link; they join when they confirm."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(_("Sign in to vote."))
    require(user, "surveys.cast_ballot", vote)
    if concept.vote_id != vote.pk:
        raise ValidationError({"concept": _("Choose one of the concepts in this vote.")})
    if not vote.is_accepting():
        if vote.not_yet_open:
            raise ValidationError(_("This vote has not opened yet."), code="not_open")
        raise ValidationError(_("This vote has closed. Votes are no longer counted."), code="closed")
    wants_to_join = bool(wants_to_join and vote.initiative_id)
    with transaction.atomic():
        if Ballot.objects.filter(vote=vote, voter=user).exists():
            raise _duplicate_ballot()
        snapshot = resident_services.snapshot_for(person=user, hub=vote.hub, raw=groups or {})
        try:
            with transaction.atomic():
                ballot = Ballot.objects.create(
                    vote=vote, voter=user, concept=concept, wants_to_join=wants_to_join, groups=snapshot
                )
        except IntegrityError as exc:
            raise _duplicate_ballot() from exc
        if wants_to_join:
            notify(
                [user],
                template="surveys/email/confirm_join.txt",
                context={
                    "vote": vote,
                    "initiative": vote.initiative,
                    "hub": vote.hub,
                    "confirm_path": reverse("hubs:surveys:vote_join", args=[vote.hub.slug, vote.pk]),
                },
            )
    return ballot


def ballot_confirm_join(*, vote: ConceptVote, user: Any) -> Ballot:
    """The voter confirms they want to join the project group: they join the initiative's team."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(_("Sign in to confirm."))
    with transaction.atomic():
        ballot = Ballot.objects.select_for_update().filter(vote=vote, voter=user).first()
        if ballot is None or not ballot.wants_to_join or not vote.initiative_id:
            raise ValidationError(_("There is nothing to confirm."), code="nothing")
        if ballot.join_confirmed_at is not None:
            return ballot
        ballot.join_confirmed_at = timezone.now()
        ballot.save(update_fields=["join_confirmed_at"])
        initiative = vote.initiative
        assert initiative is not None
        initiative_services.team_member_join(initiative=initiative, user=user)
    return ballot
