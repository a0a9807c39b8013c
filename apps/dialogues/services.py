"""Every change to a value-creating dialogue. Keyword-only; each checks permission (rules.py),
writes in one transaction, records changes of who takes part and of what is published in the
audit log, and tells the people concerned (after commit, through `notify`). Errors are
translated `ValidationError`s with a code, or `PermissionDenied`."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from apps.audit.services import audit_record
from apps.core.permissions import require
from apps.dialogues.models import (
    PART_KEYS,
    TEXT_MAX,
    Dialogue,
    DialogueMeeting,
    NextStep,
    Participant,
    Value,
)
from apps.dialogues.rules import forget_parties
from apps.followup import services as followup_services
from apps.goals.models import HubGoal, SdgTarget
from apps.hubs.models import Hub
from apps.hubs.rules import is_hub_lead
from apps.initiatives.models import Initiative
from apps.notifications.services import notify
from apps.organisations.models import Organisation, Representative
from apps.places.models import Area

TEXT_FIELDS = ("summary", "conditions", "goals", "solutions", "private_notes")
KEEP: Any = object()  # dialogue_update: leave the area or the initiative as it is


def _error(field: str | None, message: str, code: str) -> ValidationError:
    if field is None:
        return ValidationError(message, code=code)
    return ValidationError({field: ValidationError(message, code=code)})


def _clean_title(title: str) -> str:
    title = (title or "").strip()
    if not title:
        raise _error("title", _("Give the dialogue a title."), "required")
    if len(title) > 200:
        raise _error("title", _("The title can be at most 200 characters long."), "max_length")
    return title


def _clean_text(field: str, text: str) -> str:
    text = (text or "").replace("\r\n", "\n").strip()
    if len(text) > TEXT_MAX:
        raise _error(
            field, _("The text can be at most %(max)d characters long.") % {"max": TEXT_MAX}, "max_length"
        )
    return text


def _check_place(hub: Hub, area: Area | None, initiative: Initiative | None) -> None:
    if area is None and initiative is None:
        raise _error("area", _("Choose the area or the initiative the dialogue is about."), "no_place")
    if area is not None and area.hub_id != hub.pk:
        raise _error("area", _("The area belongs to another hub."), "other_hub")
    if initiative is not None and initiative.hub_id != hub.pk:
        raise _error("initiative", _("The initiative belongs to another hub."), "other_hub")


def _check_choice(field: str, value: str, choices: Iterable[str]) -> None:
    if value not in choices:
        raise _error(field, _("Choose one of the options."), "invalid")


def party_users(dialogue: Dialogue) -> list[Any]:
    """Everyone who is a party: the persons added and the representatives of the organisations
    added (one query each)."""
    people: dict[int, Any] = {}
    participants = list(dialogue.participants.select_related("user"))
    for participant in participants:
        if participant.user is not None:
            people.setdefault(participant.user.pk, participant.user)
    organisation_ids = [p.organisation_id for p in participants if p.organisation_id]
    for representative in Representative.objects.filter(organisation_id__in=organisation_ids).select_related(
        "user"
    ):
        people.setdefault(representative.user.pk, representative.user)
    return list(people.values())


# The dialogue --------------------------------------------------------------------------------


@transaction.atomic
def dialogue_create(
    *,
    hub: Hub,
    actor: Any,
    title: str,
    area: Area | None = None,
    initiative: Initiative | None = None,
    stage: str = Dialogue.Stage.EARLY_IDEA,
    status: str = Dialogue.Status.ONGOING,
    summary: str = "",
    conditions: str = "",
    goals: str = "",
    solutions: str = "",
    private_notes: str = "",
) -> Dialogue:
    """Start a confidential dialogue record about an area or an initiative (or both)."""
    require(actor, "dialogues.add_dialogue", hub)
    _check_place(hub, area, initiative)
    _check_choice("stage", stage, Dialogue.Stage.values)
    _check_choice("status", status, Dialogue.Status.values)
    texts = {
        "summary": summary,
        "conditions": conditions,
        "goals": goals,
        "solutions": solutions,
        "private_notes": private_notes,
    }
    dialogue = Dialogue(
        hub=hub,
        area=area,
        initiative=initiative,
        title=_clean_title(title),
        stage=stage,
        status=status,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **{field: _clean_text(field, value) for field, value in texts.items()},
    )
    dialogue.save()
    return dialogue


@transaction.atomic
def dialogue_update(
    *,
    dialogue: Dialogue,
    actor: Any,
    title: str | None = None,
    area: Any = KEEP,
    initiative: Any = KEEP,
    stage: str | None = None,
    status: str | None = None,
    **texts: str,
) -> Dialogue:
    """Change what the record says. `area` and `initiative` are set when given (None clears
    one), but one of them must remain."""
    require(actor, "dialogues.change_dialogue", dialogue)
    unknown = set(texts) - set(TEXT_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    locked = Dialogue.objects.select_for_update().get(pk=dialogue.pk)
    area = locked.area if area is KEEP else area
    initiative = locked.initiative if initiative is KEEP else initiative
    _check_place(locked.hub, area, initiative)
    locked.area, locked.initiative = area, initiative
    if title is not None:
        locked.title = _clean_title(title)
    if stage is not None:
        _check_choice("stage", stage, Dialogue.Stage.values)
        locked.stage = stage
    if status is not None:
        _check_choice("status", status, Dialogue.Status.values)
        locked.status = status
    for field, value in texts.items():
        setattr(locked, field, _clean_text(field, value))
    locked.save()
    return locked


@transaction.atomic
def publication_set(*, dialogue: Dialogue, actor: Any, parts: Iterable[str]) -> Dialogue:
    """Choose which parts are public. Publishing or unpublishing anything is recorded; the
    parties are told when the dialogue becomes public or stops being so."""
    require(actor, "dialogues.publish", dialogue)
    chosen = list(dict.fromkeys(parts))
    if any(part not in PART_KEYS for part in chosen):
        raise _error("parts", _("Choose among the parts that can be published."), "invalid")
    if chosen and "summary" not in chosen:
        raise _error(
            "parts", _("Publish the summary too: the other parts are shown on its page."), "no_summary"
        )
    locked = Dialogue.objects.select_for_update().get(pk=dialogue.pk)
    before = [part for part in PART_KEYS if part in (locked.published_parts or [])]
    after = [part for part in PART_KEYS if part in chosen]
    if before == after:
        return locked
    locked.published_parts = after
    locked.save(update_fields=["published_parts", "updated_at"])
    added = [p for p in after if p not in before]
    removed = [p for p in before if p not in after]
    if "summary" in added:
        action = "dialogues.publish"
    elif "summary" in removed:
        action = "dialogues.unpublish"
    else:
        action = "dialogues.publication_change"
    audit_record(
        hub=locked.hub,
        actor=actor,
        action=action,
        target=locked,
        data={"before": before, "after": after, "published": added, "unpublished": removed},
    )
    if action != "dialogues.publication_change":
        notify(
            [u for u in party_users(locked) if u.pk != getattr(actor, "pk", None)],
            template="dialogues/email/publication.txt",
            context={"dialogue": locked, "actor": actor, "public": locked.is_public},
            url=locked.get_absolute_url(),
            hub=locked.hub,
            kind="dialogue",
        )
    dialogue.published_parts, dialogue.is_public = locked.published_parts, locked.is_public
    return locked


# Parties -------------------------------------------------------------------------------------


def participant_add(
    *,
    dialogue: Dialogue,
    actor: Any,
    role: str,
    user: Any = None,
    organisation: Organisation | None = None,
) -> Participant:
    """Add a party: a person, an organisation, or a person for an organisation (who must then
    represent it). The person (or the organisation's representatives) is told."""
    require(actor, "dialogues.manage_participants", dialogue)
    _check_choice("role", role, Participant.Role.values)
    if user is None and organisation is None:
        raise _error(None, _("Choose a person, an organisation or both."), "no_party")
    if (
        user is not None
        and organisation is not None
        and not Representative.objects.filter(organisation=organisation, user_id=user.pk).exists()
    ):
        raise _error(
            "user",
            _("%(name)s does not represent %(organisation)s.")
            % {"name": user.display_name, "organisation": organisation.name},
            "not_representative",
        )
    duplicate = _error(None, _("This party already takes part in the dialogue."), "duplicate")
    try:
        with transaction.atomic():
            taken = Participant.objects.filter(dialogue=dialogue)
            if (user is not None and taken.filter(user_id=user.pk).exists()) or (
                user is None and taken.filter(user__isnull=True, organisation=organisation).exists()
            ):
                raise duplicate
            participant = Participant.objects.create(
                dialogue=dialogue, user=user, organisation=organisation, role=role
            )
            label = f"{dialogue.title}: {participant.name}"
            audit_record(
                hub=dialogue.hub,
                actor=actor,
                action="dialogues.participant_add",
                target=dialogue,
                label=label,
                data={
                    "user": getattr(user, "pk", None),
                    "organisation": getattr(organisation, "pk", None),
                    "role": role,
                },
            )
            if user is not None:
                told = [user]
            else:
                told = [
                    r.user
                    for r in Representative.objects.filter(organisation=organisation).select_related("user")
                ]
            notify(
                [u for u in told if u.pk != getattr(actor, "pk", None)],
                template="dialogues/email/participant_added.txt",
                context={"dialogue": dialogue, "participant": participant, "actor": actor},
                url=dialogue.get_absolute_url(),
                hub=dialogue.hub,
                kind="dialogue",
            )
    except IntegrityError as exc:
        raise duplicate from exc
    if user is not None:
        forget_parties(user)
    return participant


@transaction.atomic
def participant_remove(*, participant: Participant, actor: Any) -> None:
    """Take a party off the dialogue. A party with values recorded keeps its place until those
    are removed, so nothing said in the dialogue disappears by the way."""
    dialogue = participant.dialogue
    require(actor, "dialogues.manage_participants", dialogue)
    locked = Participant.objects.select_for_update().filter(pk=participant.pk).first()
    if locked is None:
        return
    if locked.values.exists():
        raise _error(
            None,
            _("%(name)s still has values in the dialogue. Remove those first.") % {"name": participant.name},
            "has_values",
        )
    label = f"{dialogue.title}: {participant.name}"
    data = {
        "user": participant.user_id,
        "organisation": participant.organisation_id,
        "role": participant.role,
    }
    locked.delete()
    audit_record(
        hub=dialogue.hub,
        actor=actor,
        action="dialogues.participant_remove",
        target=dialogue,
        label=label,
        data=data,
    )
    if participant.user is not None:
        forget_parties(participant.user)
        if participant.user.pk != getattr(actor, "pk", None):
            notify(
                [participant.user],
                template="dialogues/email/participant_removed.txt",
                context={"dialogue": dialogue, "actor": actor},
                url="",
                hub=dialogue.hub,
                kind="dialogue",
            )


# Meetings and values -------------------------------------------------------------------------


@transaction.atomic
def meeting_add(*, dialogue: Dialogue, actor: Any, held_on: date | None, notes: str = "") -> DialogueMeeting:
    require(actor, "dialogues.add_meeting", dialogue)
    if held_on is None:
        raise _error("held_on", _("Give the date of the meeting."), "required")
    return DialogueMeeting.objects.create(
        dialogue=dialogue, held_on=held_on, notes=_clean_text("notes", notes), created_by=actor
    )


def own_party(actor: Any, participant: Participant) -> bool:
    """Is `participant` the actor's own party: the actor, or an organisation they represent?"""
    if participant.user_id is not None:
        return bool(participant.user_id == actor.pk)
    if participant.organisation_id is None:
        return False
    return Representative.objects.filter(
        organisation_id=participant.organisation_id, user_id=actor.pk
    ).exists()


def _check_value(
    dialogue: Dialogue,
    actor: Any,
    participant: Participant,
    kind: str,
    description: str,
    hub_goals: Iterable[HubGoal],
) -> str:
    if participant.dialogue_id != dialogue.pk:
        raise _error("participant", _("Choose a party of this dialogue."), "other_dialogue")
    if not is_hub_lead(actor, dialogue) and not actor.is_superuser and not own_party(actor, participant):
        raise PermissionDenied(_("A party can only write the values of its own party."))
    _check_choice("kind", kind, Value.Kind.values)
    description = (description or "").strip()
    if not description:
        raise _error("description", _("Describe the value."), "required")
    if len(description) > 5000:
        raise _error("description", _("The description can be at most 5000 characters."), "max_length")
    if any(goal.hub_id != dialogue.hub_id for goal in hub_goals):
        raise _error("hub_goals", _("That goal belongs to another hub."), "other_hub")
    return description


@transaction.atomic
def value_add(
    *,
    dialogue: Dialogue,
    actor: Any,
    participant: Participant,
    kind: str,
    description: str,
    sdg_targets: Iterable[SdgTarget] = (),
    hub_goals: Iterable[HubGoal] = (),
) -> Value:
    """Record what a party could gain, tagged with UN targets and the hub's goals. A lead may
    write it for any party; a party only for its own."""
    require(actor, "dialogues.add_value", dialogue)
    hub_goals = list(hub_goals)
    description = _check_value(dialogue, actor, participant, kind, description, hub_goals)
    value = Value.objects.create(
        dialogue=dialogue, participant=participant, kind=kind, description=description, created_by=actor
    )
    value.sdg_targets.set(list(sdg_targets))
    value.hub_goals.set(hub_goals)
    return value


@transaction.atomic
def value_update(
    *,
    value: Value,
    actor: Any,
    participant: Participant,
    kind: str,
    description: str,
    sdg_targets: Iterable[SdgTarget] = (),
    hub_goals: Iterable[HubGoal] = (),
) -> Value:
    require(actor, "dialogues.change_value", value)
    hub_goals = list(hub_goals)
    locked = Value.objects.select_for_update().select_related("dialogue__hub").get(pk=value.pk)
    locked.description = _check_value(locked.dialogue, actor, participant, kind, description, hub_goals)
    locked.participant, locked.kind = participant, kind
    locked.save()
    locked.sdg_targets.set(list(sdg_targets))
    locked.hub_goals.set(hub_goals)
    return locked


@transaction.atomic
def value_remove(*, value: Value, actor: Any) -> None:
    require(actor, "dialogues.change_value", value)
    Value.objects.filter(pk=value.pk).delete()


# Next steps ----------------------------------------------------------------------------------


def assignable_users(dialogue: Dialogue) -> list[Any]:
    """Who a next step can be given to: the parties (persons and organisations' representatives)."""
    return sorted(party_users(dialogue), key=lambda u: (u.display_name or "").lower())


@transaction.atomic
def next_step_add(
    *,
    dialogue: Dialogue,
    actor: Any,
    title: str,
    assignee: Any,
    description: str = "",
    due_on: date | None = None,
) -> NextStep:
    """An agreed next step: a follow-up task (on the dialogue's initiative, if it has one) for
    one of the parties. The follow-up tells the assignee; the other parties are told too."""
    require(actor, "dialogues.add_next_step", dialogue)
    if assignee is None or assignee.pk not in {u.pk for u in party_users(dialogue)}:
        raise _error("assignee", _("Give the next step to one of the dialogue's parties."), "not_party")
    title = (title or "").strip()
    if not title:
        raise _error("title", _("Say what the next step is."), "required")
    task = followup_services.task_create(
        hub=dialogue.hub,
        actor=actor,
        title=title[:200],
        assignee=assignee,
        initiative=dialogue.initiative,
        description=_clean_text("description", description)[:5000],
        due_on=due_on,
    )
    step = NextStep.objects.create(dialogue=dialogue, task=task)
    others = [u for u in party_users(dialogue) if u.pk not in {assignee.pk, getattr(actor, "pk", None)}]
    notify(
        others,
        template="dialogues/email/next_step.txt",
        context={"dialogue": dialogue, "task": task, "actor": actor},
        url=dialogue.get_absolute_url(),
        hub=dialogue.hub,
        kind="dialogue",
    )
    return step
