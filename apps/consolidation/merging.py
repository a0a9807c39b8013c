"""What a merge moves: one handler per model that points at an initiative.

`HANDLERS` maps each model (its label) with a ForeignKey or OneToOneField to `Initiative` to the
function that moves its rows from the merged initiative to the surviving one and answers how many
rows it moved. `tests/consolidation/test_merging.py` introspects every installed model and fails
when one is missing here, so a new app's relation to initiatives cannot be forgotten.

Rows whose uniqueness would clash are combined, never dropped silently: followers and team
members once per person (the higher role kept), partners once per organisation or person (the
merged initiative's commitments join the surviving partner), goal tags once per goal, map input
settings once per space (marks and categories join the survivor's). A process run, a campaign
and (if both have one) a budget are one per initiative: the survivor keeps its own; the merged
one's budget lines and sources join the survivor's budget; a process run or campaign the survivor
does not have moves. Supports belong to ideas, and ideas move whole, so every person still
supports an idea at most once.
"""

from collections.abc import Callable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from apps.agreements.models import Agreement
from apps.dialogues.models import Dialogue
from apps.events.models import Event
from apps.followup.models import Meeting, Task
from apps.funding.models import Budget, Campaign, CostLine, FundingSource, GrantApplication
from apps.goals.models import GoalTag
from apps.initiatives.models import (
    Follow,
    Initiative,
    InitiativeImage,
    InitiativeUpdate,
    Permit,
    TeamInvitation,
    TeamMember,
    TeamRole,
)
from apps.library.models import Entry
from apps.mapinput.models import MapMark, MarkCategory, MarkSettings
from apps.matching.models import Introduction, Need
from apps.participation.models import Idea
from apps.partners.models import Partner
from apps.processes.models import ProcessRun
from apps.results.models import ProgressReport, Result
from apps.surveys.models import ConceptVote, Survey
from apps.visions.models import Vision
from apps.volunteers.models import LoggedHoursSource, Shift, VolunteerRole

Handler = Callable[[Initiative, Initiative], int]
RANK = {TeamRole.OWNER: 3, TeamRole.LEAD: 2, TeamRole.MEMBER: 1}


def _move(model: Any) -> Handler:
    def handler(merged: Initiative, into: Initiative) -> int:
        return int(model.objects.filter(initiative=merged).update(initiative=into))

    return handler


def _follows(merged: Initiative, into: Initiative) -> int:
    already = set(Follow.objects.filter(initiative=into).values_list("user_id", flat=True))
    Follow.objects.filter(initiative=merged, user_id__in=already).delete()
    return int(Follow.objects.filter(initiative=merged).update(initiative=into))


def _invitations(merged: Initiative, into: Initiative) -> int:
    """Open invitations move with the team (their links still work); an address already invited
    to the surviving initiative keeps that invitation only."""
    open_here = TeamInvitation.objects.filter(initiative=into, accepted_at__isnull=True)
    already = set(open_here.values_list("email", flat=True))
    TeamInvitation.objects.filter(initiative=merged, accepted_at__isnull=True, email__in=already).delete()
    return int(TeamInvitation.objects.filter(initiative=merged).update(initiative=into))


def _team(merged: Initiative, into: Initiative) -> int:
    """Once per person, the higher role kept; the merged initiative's owner joins as project lead
    (the survivor has its own owner)."""
    theirs = {m.user_id: m for m in TeamMember.objects.filter(initiative=into)}
    moved = 0
    for member in TeamMember.objects.filter(initiative=merged):
        role = TeamRole.LEAD if member.role == TeamRole.OWNER else member.role
        if member.user_id == into.owner_id:
            role = TeamRole.OWNER
        existing = theirs.get(member.user_id)
        if existing is not None:
            if RANK[TeamRole(role)] > RANK[TeamRole(existing.role)]:
                existing.role = role
                existing.save(update_fields=["role"])
            member.delete()
        else:
            member.initiative, member.role = into, role
            member.save(update_fields=["initiative", "role"])
            moved += 1
    return moved


def _partners(merged: Initiative, into: Initiative) -> int:
    moved = 0
    for partner in Partner.objects.filter(initiative=merged):
        who = (
            {"organisation_id": partner.organisation_id}
            if partner.organisation_id
            else {"user_id": partner.user_id}
        )
        survivor = Partner.objects.filter(initiative=into, **who).first()
        if survivor is not None:
            partner.commitments.update(partner=survivor)
            partner.delete()
        else:
            partner.initiative = into
            partner.save(update_fields=["initiative"])
            moved += 1
    return moved


def _process_run(merged: Initiative, into: Initiative) -> int:
    if ProcessRun.objects.filter(initiative=into).exists():
        return 0  # the survivor keeps its own run; the merged one's stays on the merged record
    return int(ProcessRun.objects.filter(initiative=merged).update(initiative=into))


def _budget(merged: Initiative, into: Initiative) -> int:
    source = Budget.objects.filter(initiative=merged).first()
    if source is None:
        return 0
    target = Budget.objects.filter(initiative=into).first()
    if target is None:
        source.initiative = into
        source.save(update_fields=["initiative"])
        return 1
    moved = CostLine.objects.filter(budget=source).update(budget=target)
    moved += FundingSource.objects.filter(budget=source).update(budget=target)
    moved += GrantApplication.objects.filter(budget=source).update(budget=target)
    return int(moved)


def _campaign(merged: Initiative, into: Initiative) -> int:
    source = Campaign.objects.filter(initiative=merged).first()
    if source is None:
        return 0
    if Campaign.objects.filter(initiative=into).exists():
        return 0  # refused before when both are open; a closed one stays on the merged record
    source.initiative = into
    source.save(update_fields=["initiative"])
    return 1


def _marks(merged: Initiative, into: Initiative) -> int:
    """Map marks and their settings: the survivor's settings take the merged one's categories
    (joined by name) and marks."""
    source = MarkSettings.objects.filter(initiative=merged).first()
    if source is None:
        return int(MapMark.objects.filter(initiative=merged).update(initiative=into))
    target = MarkSettings.objects.filter(initiative=into).first()
    if target is None:
        source.initiative = into
        source.save()  # recomputes the space key
        return 1 + int(MapMark.objects.filter(initiative=merged).update(initiative=into))
    for category in MarkCategory.objects.filter(settings=source):
        twin = MarkCategory.objects.filter(settings=target, name=category.name).first()
        if twin is not None:
            MapMark.objects.filter(category=category).update(category=twin)
        else:
            category.settings = target
            category.save(update_fields=["settings"])
    return int(MapMark.objects.filter(initiative=merged).update(initiative=into, settings=target))


def _reports(merged: Initiative, into: Initiative) -> int:
    """Progress reports; if both have a final report, the survivor's stays the final one."""
    if ProgressReport.objects.filter(initiative=into, is_final=True).exists():
        ProgressReport.objects.filter(initiative=merged, is_final=True).update(is_final=False)
    return int(ProgressReport.objects.filter(initiative=merged).update(initiative=into))


def goal_tags(merged: Initiative, into: Initiative) -> int:
    """Goal tags are generic (no ForeignKey): once per goal on the survivor."""
    kind = ContentType.objects.get_for_model(Initiative)
    moved = 0
    for tag in GoalTag.objects.filter(content_type=kind, object_id=merged.pk):
        field = tag.kind
        if GoalTag.objects.filter(
            content_type=kind, object_id=into.pk, **{f"{field}_id": getattr(tag, f"{field}_id")}
        ).exists():
            continue  # the survivor has it already; the merged record keeps its own
        tag.object_id = into.pk
        tag.save(update_fields=["object_id"])
        moved += 1
    return moved


# label of the model → what moves its rows (every model with a ForeignKey/OneToOne to Initiative)
HANDLERS: dict[str, Handler] = {
    "initiatives.TeamMember": _team,
    "initiatives.Follow": _follows,
    "initiatives.TeamInvitation": _invitations,
    "initiatives.InitiativeImage": _move(InitiativeImage),
    "initiatives.InitiativeUpdate": _move(InitiativeUpdate),
    "initiatives.Permit": _move(Permit),
    "participation.Idea": _move(Idea),
    "mapinput.MarkSettings": _marks,
    "mapinput.MapMark": lambda merged, into: 0,  # moved with the settings by _marks
    "surveys.Survey": _move(Survey),
    "surveys.ConceptVote": _move(ConceptVote),
    "visions.Vision": _move(Vision),
    "events.Event": _move(Event),
    "followup.Meeting": _move(Meeting),
    "followup.Task": _move(Task),
    "processes.ProcessRun": _process_run,
    "partners.Partner": _partners,
    "dialogues.Dialogue": _move(Dialogue),
    "funding.Budget": _budget,
    "funding.Campaign": _campaign,
    "results.Result": _move(Result),
    "results.ProgressReport": _reports,
    "agreements.Agreement": _move(Agreement),
}


def _volunteer_roles(merged: Initiative, into: Initiative) -> int:
    """Roles move; one whose name the survivor already uses gets the merged initiative's title
    after it (a name is unique per initiative), so no shift loses its role."""
    taken = set(VolunteerRole.objects.filter(initiative=into).values_list("name", flat=True))
    moved = 0
    for role in VolunteerRole.objects.filter(initiative=merged):
        if role.name in taken:
            role.name = f"{role.name} ({merged.title})"[: VolunteerRole._meta.get_field("name").max_length]
        role.initiative = into
        role.save(update_fields=["name", "initiative"])
        moved += 1
    return moved


def _logged_hours(merged: Initiative, into: Initiative) -> int:
    """The funding source that carries confirmed volunteer hours is one per initiative. The
    merged one's source has joined the survivor's budget (`_budget`): it becomes the survivor's,
    or, when the survivor has one, its hours are added to it and the second source goes."""
    mine = LoggedHoursSource.objects.select_related("source").filter(initiative=merged).first()
    if mine is None:
        return 0
    theirs = LoggedHoursSource.objects.select_related("source").filter(initiative=into).first()
    if theirs is None:
        mine.initiative = into
        mine.save(update_fields=["initiative"])
        return 1
    kept, gone = theirs.source, mine.source
    kept.planned_hours = (kept.planned_hours or 0) + (gone.planned_hours or 0)
    kept.actual_hours = (kept.actual_hours or 0) + (gone.actual_hours or 0)
    kept.save(update_fields=["planned_hours", "actual_hours"])
    mine.delete()
    gone.delete()
    return 1


def _needs(merged: Initiative, into: Initiative) -> int:
    """A competence is needed once per initiative: the survivor's need stands for both."""
    have = Need.objects.filter(initiative=into, competence__isnull=False).values_list(
        "competence_id", flat=True
    )
    Need.objects.filter(initiative=merged, competence_id__in=list(have)).delete()
    return int(Need.objects.filter(initiative=merged).update(initiative=into))


def _introductions(merged: Initiative, into: Initiative) -> int:
    """Answered introductions move as history; an open one to someone the survivor has already
    introduced is the same introduction twice, and goes."""
    open_status = Introduction.Status.INTRODUCED
    survivor_open = Introduction.objects.filter(initiative=into, status=open_status)
    people = list(survivor_open.filter(user__isnull=False).values_list("user_id", flat=True))
    organisations = list(
        survivor_open.filter(organisation__isnull=False).values_list("organisation_id", flat=True)
    )
    Introduction.objects.filter(initiative=merged, status=open_status, user_id__in=people).delete()
    Introduction.objects.filter(
        initiative=merged, status=open_status, organisation_id__in=organisations
    ).delete()
    return int(Introduction.objects.filter(initiative=merged).update(initiative=into))


def _case_study(merged: Initiative, into: Initiative) -> int:
    """One case study per initiative: the merged one's moves, unless the survivor has its own;
    then it stays in the library as an entry of its own (its text keeps the story)."""
    if Entry.objects.filter(initiative=into).exists():
        return int(Entry.objects.filter(initiative=merged).update(initiative=None))
    return int(Entry.objects.filter(initiative=merged).update(initiative=into))


HANDLERS.update(
    {
        "volunteers.VolunteerRole": _volunteer_roles,
        "volunteers.Shift": _move(Shift),
        "volunteers.LoggedHoursSource": _logged_hours,
        "matching.Need": _needs,
        "matching.Introduction": _introductions,
        "library.Entry": _case_study,
    }
)


def check_mergeable(merged: Initiative, into: Initiative) -> None:
    """Refuse what a merge cannot combine: two open campaigns."""
    open_campaigns = [c for c in Campaign.objects.filter(initiative__in=[merged, into]) if c.is_open]
    if len(open_campaigns) == 2:
        raise ValidationError(
            _(
                "Both initiatives have an open crowdfunding campaign. Close one of them first: "
                "pledges cannot be moved between campaigns."
            )
        )


def move_everything(merged: Initiative, into: Initiative) -> dict[str, int]:
    counts = {label: handler(merged, into) for label, handler in HANDLERS.items()}
    counts["goals.GoalTag"] = goal_tags(merged, into)
    return counts
