"""Every change in matchmaking (M2): an initiative's needs, and introductions brokered by the hub's
leads. Keyword-only; each checks permission, writes in one transaction (with its audit entry for
introductions and their answers) and tells the people concerned. Errors are translated
`ValidationError`s with a code, or `PermissionDenied`."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import Competence
from apps.audit.services import audit_record
from apps.core.permissions import require
from apps.hubs.models import Hub
from apps.hubs.selectors import hub_leads, public_members
from apps.hubs.selectors import partners as hub_partners
from apps.initiatives.models import Initiative
from apps.matching.models import Introduction, Need
from apps.matching.rules import is_introduced
from apps.matching.selectors import forget_indexes
from apps.notifications.services import notify
from apps.organisations.models import Organisation, Representative

TEXT_MAX = 300
NOTE_MAX = 2000
MAX_NEEDS = 30


def _error(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def need_add(
    *, actor: Any, initiative: Initiative, kind: str, competence: Competence | None = None, text: str = ""
) -> Need:
    """Add a need to the initiative: a competence (from the shared list) or a resource or partner
    described in a few words."""
    require(actor, "matching.manage_needs", initiative)
    text = (text or "").strip()
    if kind not in Need.Kind.values:
        raise _error("kind", _("Choose what kind of need this is."), "kind")
    if len(text) > TEXT_MAX:
        raise _error("text", _("Say it in at most %(n)d characters.") % {"n": TEXT_MAX}, "too_long")
    if kind == Need.Kind.COMPETENCE:
        if competence is None:
            raise _error("competence", _("Choose the competence you need."), "required")
    else:
        competence = None
        if not text:
            raise _error("text", _("Say in a few words what you need."), "required")
    with transaction.atomic():
        Initiative.objects.select_for_update().filter(pk=initiative.pk).first()
        if Need.objects.filter(initiative=initiative).count() >= MAX_NEEDS:
            raise _error(
                "kind", _("An initiative can list at most %(n)d needs.") % {"n": MAX_NEEDS}, "too_many"
            )
        if (
            competence is not None
            and Need.objects.filter(initiative=initiative, competence=competence).exists()
        ):
            raise _error("competence", _("This competence is already on the list."), "unique")
        try:
            with transaction.atomic():
                need = Need.objects.create(
                    initiative=initiative, kind=kind, competence=competence, text=text, created_by=actor
                )
        except IntegrityError as exc:
            raise _error("competence", _("This competence is already on the list."), "unique") from exc
    forget_indexes(initiative.hub)
    return need


def need_remove(*, actor: Any, need: Need) -> None:
    require(actor, "matching.manage_needs", need.initiative)
    hub = need.initiative.hub
    need.delete()
    forget_indexes(hub)


def _introduction_url(introduction: Introduction) -> str:
    return reverse("hubs:matching:mine", kwargs={"hub_slug": introduction.hub.slug})


def introduced_people(introduction: Introduction) -> list[Any]:
    """The person introduced, or the organisation's representatives."""
    if introduction.user_id is not None:
        return [introduction.user]
    reps = Representative.objects.filter(organisation=introduction.organisation).select_related("user")
    return [rep.user for rep in reps.order_by("user_id")]


def initiative_side(initiative: Initiative) -> list[Any]:
    return [initiative.owner]


def introduction_create(
    *,
    actor: Any,
    initiative: Initiative,
    user: Any = None,
    organisation: Organisation | None = None,
    note: str = "",
    reasons: list[str] | None = None,
) -> Introduction:
    """A hub lead introduces a member (approved, public profile) or an approved partner
    organisation to the initiative. One open introduction per initiative and person or
    organisation."""
    require(actor, "matching.introduce", initiative)
    hub: Hub = initiative.hub
    note = (note or "").strip()
    if (user is None) == (organisation is None):
        raise _error("user", _("Choose one member or one organisation to introduce."), "required")
    if len(note) > NOTE_MAX:
        raise _error("note", _("Say it in at most %(n)d characters.") % {"n": NOTE_MAX}, "too_long")
    if user is not None and not public_members(hub=hub).filter(user_id=user.pk).exists():
        raise _error(
            "user", _("Only members of the hub with a public profile can be introduced."), "not_member"
        )
    if organisation is not None and not hub_partners(hub=hub).filter(organisation=organisation).exists():
        raise _error("organisation", _("Only approved partners of the hub can be introduced."), "not_partner")
    if user is not None and (user.pk == initiative.owner_id):
        raise _error("user", _("This person already runs the initiative."), "in_team")
    reasons = [str(r)[:200] for r in (reasons or [])][:10]
    duplicate = _error(
        "user" if user else "organisation", _("There is already an open introduction."), "unique"
    )
    with transaction.atomic():
        open_ones = Introduction.objects.select_for_update().filter(
            initiative=initiative, status=Introduction.Status.INTRODUCED
        )
        clash = (
            open_ones.filter(user=user) if user is not None else open_ones.filter(organisation=organisation)
        )
        if clash.exists():
            raise duplicate
        try:
            with transaction.atomic():
                introduction = Introduction.objects.create(
                    hub=hub,
                    initiative=initiative,
                    user=user,
                    organisation=organisation,
                    note=note,
                    reasons=reasons,
                    introduced_by=actor,
                )
        except IntegrityError as exc:
            raise duplicate from exc
        who = (user.name or _("A member")) if user is not None else organisation.name  # type: ignore[union-attr]
        audit_record(
            hub=hub,
            actor=actor,
            action="matching.introduce",
            target=introduction,
            data={"initiative": initiative.slug, "organisation": organisation.slug if organisation else None},
            label=f"{who} — {initiative.title}",
        )
        context = {"hub": hub, "introduction": introduction, "initiative": initiative, "who": who}
        notify(
            introduced_people(introduction),
            template="matching/email/introduced.txt",
            context=context,
            url=_introduction_url(introduction),
            hub=hub,
            kind="matching",
        )
        notify(
            [p for p in initiative_side(initiative) if p.pk != actor.pk],
            template="matching/email/introduced_team.txt",
            context=context,
            url=reverse(
                "hubs:matching:needs", kwargs={"hub_slug": hub.slug, "initiative_slug": initiative.slug}
            ),
            hub=hub,
            kind="matching",
        )
    return introduction


def introduction_answer(
    *, actor: Any, introduction: Introduction, accept: bool, answer: str = ""
) -> Introduction:
    """The one introduced accepts or declines; the initiative's owner and the lead who introduced
    are told."""
    require(actor, "matching.answer_introduction", introduction)
    if not is_introduced(actor, introduction):
        raise PermissionDenied(_("You do not have permission to do this."))
    answer = (answer or "").strip()
    if len(answer) > NOTE_MAX:
        raise _error("answer", _("Say it in at most %(n)d characters.") % {"n": NOTE_MAX}, "too_long")
    with transaction.atomic():
        locked = (
            Introduction.objects.select_for_update()
            .select_related("hub", "initiative")
            .get(pk=introduction.pk)
        )
        if locked.status != Introduction.Status.INTRODUCED:
            raise _error("status", _("This introduction has already been answered."), "answered")
        locked.status = Introduction.Status.ACCEPTED if accept else Introduction.Status.DECLINED
        locked.answered_at = timezone.now()
        locked.answered_by = actor
        locked.answer = answer
        locked.save(update_fields=["status", "answered_at", "answered_by", "answer"])
        audit_record(
            hub=locked.hub,
            actor=actor,
            action="matching.accept" if accept else "matching.decline",
            target=locked,
            data={"initiative": locked.initiative.slug},
            label=f"{actor.name or actor.email} — {locked.initiative.title}",
        )
        people = {p.pk: p for p in [*initiative_side(locked.initiative), *hub_leads(locked.hub)]}
        if locked.introduced_by_id is not None:
            people.setdefault(locked.introduced_by_id, locked.introduced_by)
        people.pop(actor.pk, None)
        notify(
            list(people.values()),
            template="matching/email/answered.txt",
            context={
                "hub": locked.hub,
                "introduction": locked,
                "initiative": locked.initiative,
                "who": actor.name or actor.email,
            },
            url=reverse(
                "hubs:matching:needs",
                kwargs={"hub_slug": locked.hub.slug, "initiative_slug": locked.initiative.slug},
            ),
            hub=locked.hub,
            kind="matching",
        )
    introduction.refresh_from_db()
    return introduction
