"""Writes for resident groups: the hub's switch and questions, and a person's answers.

Each function checks permission and writes in one transaction. A demographic answer outside its
question's choices is a translated ValidationError keyed by the field (`d<question id>`), and
nothing is saved.
"""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from apps.audit.services import audit_record
from apps.core.permissions import require
from apps.hubs.models import Hub
from apps.places.models import AreaLevel
from apps.residents import selectors
from apps.residents.models import PREFER_NOT, DemographicAnswer, DemographicQuestion, GroupSettings

MAX_CHOICES = 20
MAX_CUSTOM_QUESTIONS = 5


def _clean(value: Any) -> str:
    return str(value or "").replace("\x00", "").strip()


def settings_update(
    *,
    hub: Hub,
    actor: Any,
    enabled: bool,
    ask_age: bool = True,
    ask_area: bool = True,
    area_level: AreaLevel | None = None,
) -> GroupSettings:
    """Switch resident groups on or off; the built-in questions exist once switched on."""
    require(actor, "residents.manage_groups", hub)
    if area_level is not None and area_level.hub_id != hub.pk:
        raise ValidationError({"area_level": _("Choose a level of this hub's areas.")})
    with transaction.atomic():
        settings, _created = GroupSettings.objects.select_for_update().get_or_create(hub=hub)
        settings.enabled, settings.ask_age, settings.ask_area = bool(enabled), bool(ask_age), bool(ask_area)
        settings.area_level = area_level
        settings.save()
        builtins = {
            DemographicQuestion.Kind.AGE: (_("What is your age?"), 0),
            DemographicQuestion.Kind.AREA: (_("Where do you live?"), 1),
        }
        for kind, (text, position) in builtins.items():
            DemographicQuestion.objects.get_or_create(
                hub=hub, kind=kind, defaults={"text": text, "position": position}
            )
        audit_record(
            hub=hub,
            actor=actor,
            action="residents.settings",
            target=settings,
            data={"enabled": settings.enabled, "age": settings.ask_age, "area": settings.ask_area},
        )
    return settings


def question_add(*, hub: Hub, actor: Any, text: str, choices: list[str]) -> DemographicQuestion:
    """A steward adds a question of their own, with 2 to 20 choices."""
    require(actor, "residents.manage_groups", hub)
    text = _clean(text)
    cleaned = [_clean(c) for c in choices if _clean(c)]
    if not text:
        raise ValidationError({"text": _("Write the question.")})
    if len(text) > 200:
        raise ValidationError({"text": _("Keep the question under 200 characters.")})
    if not 2 <= len(cleaned) <= MAX_CHOICES:
        raise ValidationError(
            {"choices": _("Give from 2 to %(count)d choices, one per line.") % {"count": MAX_CHOICES}}
        )
    if len({c.casefold() for c in cleaned}) != len(cleaned) or any(len(c) > 100 for c in cleaned):
        raise ValidationError({"choices": _("Each choice must be different and at most 100 characters.")})
    with transaction.atomic():
        GroupSettings.objects.select_for_update().get_or_create(hub=hub)
        custom = DemographicQuestion.objects.filter(
            hub=hub, kind=DemographicQuestion.Kind.CUSTOM, active=True
        )
        if custom.count() >= MAX_CUSTOM_QUESTIONS:
            raise ValidationError(
                _("A hub asks at most %(count)d questions of its own.") % {"count": MAX_CUSTOM_QUESTIONS},
                code="too_many",
            )
        last = DemographicQuestion.objects.filter(hub=hub).aggregate(last=Max("position"))["last"]
        question = DemographicQuestion.objects.create(
            hub=hub,
            kind=DemographicQuestion.Kind.CUSTOM,
            text=text,
            choices=cleaned,
            position=(last or 0) + 1,
        )
        audit_record(hub=hub, actor=actor, action="residents.question_add", target=question)
    return question


def question_retire(*, question: DemographicQuestion, actor: Any) -> None:
    """Stop asking a question of the hub's own (answers already given stay in the results)."""
    require(actor, "residents.manage_groups", question.hub)
    if question.kind != DemographicQuestion.Kind.CUSTOM:
        raise ValidationError(_("Switch the built-in questions off in the settings."), code="builtin")
    with transaction.atomic():
        question.active = False
        question.save(update_fields=["active"])
        audit_record(hub=question.hub, actor=actor, action="residents.question_retire", target=question)


def clean_groups(*, hub: Hub, raw: Mapping[str, Any], questions: list | None = None) -> dict[str, str]:
    """The groups snapshot (question id → value) from raw form/API values keyed `d<id>` or
    `<id>`. Blank is "not answered"; PREFER_NOT is "prefer not to say"; anything else must be
    one of the question's choices."""
    questions = selectors.active_questions(hub=hub) if questions is None else questions
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, str] = {}
    for question in questions:
        value = raw.get(question.field, raw.get(str(question.id)))
        value = _clean(value)
        if not value:
            continue
        if value != PREFER_NOT and value not in dict(question.choices):
            errors[question.field] = [_("Choose one of the answers, or “Prefer not to say”.")]
            continue
        cleaned[str(question.id)] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


def answers_save(*, person: Any, hub: Hub, raw: Mapping[str, Any]) -> dict[str, str]:
    """A person answers (or changes) their groups in a hub. Blank leaves an answer as it was."""
    require(person, "residents.answer_groups", hub)
    cleaned = clean_groups(hub=hub, raw=raw)
    with transaction.atomic():
        for question_id, value in cleaned.items():
            DemographicAnswer.objects.update_or_create(
                person=person, question_id=int(question_id), defaults={"value": value}
            )
    return cleaned


def snapshot_for(*, person: Any, hub: Hub, raw: Mapping[str, Any]) -> dict[str, str]:
    """The groups to keep with one response or ballot: a signed-in person's stored answers plus
    what they answer now (saved for next time, asked once); for anyone else, what they answer now.
    Called inside the caller's transaction."""
    questions = selectors.active_questions(hub=hub)
    if not questions:
        return {}
    given = clean_groups(hub=hub, raw=raw, questions=questions)
    if not getattr(person, "is_authenticated", False):
        return given
    stored = {str(k): v for k, v in selectors.answers_of(person=person, hub=hub).items()}
    for question_id, value in given.items():
        if question_id not in stored:
            DemographicAnswer.objects.get_or_create(
                person=person, question_id=int(question_id), defaults={"value": value}
            )
            stored[question_id] = value
    active = {str(q.id) for q in questions}
    return {k: v for k, v in stored.items() if k in active}
