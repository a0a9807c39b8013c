"""Every change to ideas, comments, support and reports goes through here.

Each function checks permission, writes inside one transaction and does its side effects
(e-mail) only after commit. The idea's `support_count` and `comment_count` change in the same
transaction as the row they count, under a lock on the idea, so they stay exact when many
requests arrive at once (tests/participation/test_concurrency.py). Every moderation action
writes one audit entry (apps.audit).
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.audit.services import audit_record
from apps.core.permissions import require
from apps.notifications.services import notify
from apps.participation.models import (
    BODY_MAX,
    COMMENT_MAX,
    REASON_MAX,
    THREAD_DEPTH,
    TITLE_MAX,
    Category,
    Comment,
    Idea,
    Report,
    Support,
)
from apps.participation.spaces import Space


def _text(value: str, *, field: str, limit: int, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: _("This field is required.")}, code="required")
    if len(value) > limit:
        raise ValidationError(
            {
                field: _("Keep it to %(limit)d characters (it has %(count)d).")
                % {"limit": limit, "count": len(value)}
            },
            code="too_long",
        )
    return value


def _locked_idea(idea: Idea) -> Idea:
    return Idea.objects.select_for_update().get(pk=idea.pk)


# Ideas and comments ---------------------------------------------------------------------


@transaction.atomic
def idea_create(*, space: Space, author: Any, title: str, body: str, category: str = "") -> Idea:
    """Someone signed in shares an idea in a space."""
    require(author, "participation.add_idea", space)
    if category and category not in Category.values:
        raise ValidationError({"category": _("Choose one of the categories.")}, code="invalid")
    idea = Idea(
        author=author,
        title=_text(title, field="title", limit=TITLE_MAX),
        body=_text(body, field="body", limit=BODY_MAX),
        category=category,
    )
    idea.set_space(space)
    idea.full_clean(exclude=["author"])
    idea.save()
    return idea


@transaction.atomic
def comment_create(*, idea: Idea, author: Any, body: str, parent: Comment | None = None) -> Comment:
    """A comment on an idea, or a reply to a comment. Replies deeper than THREAD_DEPTH are
    attached to the deepest shown level's parent, so a thread never grows past what is shown."""
    require(author, "participation.add_comment", idea)
    body = _text(body, field="body", limit=COMMENT_MAX)
    locked = _locked_idea(idea)
    if locked.is_hidden:
        raise ValidationError(_("This idea has been hidden by the moderators."), code="hidden")
    depth = 0
    if parent is not None:
        if parent.idea_id != locked.pk:
            raise ValidationError({"parent": _("That comment belongs to another idea.")}, code="parent")
        while parent.depth >= THREAD_DEPTH - 1 and parent.parent is not None:
            parent = parent.parent
        depth = parent.depth + 1
    comment = Comment.objects.create(idea=locked, parent=parent, depth=depth, author=author, body=body)
    Idea.objects.filter(pk=locked.pk).update(comment_count=F("comment_count") + 1)
    return comment


# Support --------------------------------------------------------------------------------


@transaction.atomic
def support_add(*, idea: Idea, user: Any) -> Support:
    """Support an idea, once per person. A second support (even at the same moment) is refused
    with code "duplicate"; the count never moves for it."""
    require(user, "participation.support_idea", idea)
    locked = _locked_idea(idea)
    if locked.is_hidden:
        raise ValidationError(_("This idea has been hidden by the moderators."), code="hidden")
    if Support.objects.filter(idea=locked, user=user).exists():
        raise ValidationError(_("You already support this idea."), code="duplicate")
    try:
        with transaction.atomic():
            support = Support.objects.create(idea=locked, user=user)
    except IntegrityError as exc:  # a parallel request won the race the lock did not cover
        raise ValidationError(_("You already support this idea."), code="duplicate") from exc
    Idea.objects.filter(pk=locked.pk).update(support_count=F("support_count") + 1)
    return support


@transaction.atomic
def support_withdraw(*, idea: Idea, user: Any) -> None:
    """Withdraw one's support. Withdrawing what is not there is refused with code "absent"."""
    require(user, "participation.support_idea", idea)
    locked = _locked_idea(idea)
    deleted, _unused = Support.objects.filter(idea=locked, user=user).delete()
    if not deleted:
        raise ValidationError(_("You do not support this idea."), code="absent")
    Idea.objects.filter(pk=locked.pk).update(support_count=F("support_count") - 1)


# Reports --------------------------------------------------------------------------------


@transaction.atomic
def report_create(*, target: Idea | Comment, reporter: Any, reason: str) -> Report:
    """Ask the moderators to look at an idea or a comment. One open report per person per item."""
    require(reporter, "participation.report", target)
    reason = _text(reason, field="reason", limit=REASON_MAX)
    comment = target if isinstance(target, Comment) else None
    idea = target.idea if isinstance(target, Comment) else target
    locked = _locked_idea(idea)  # serialises reports on one idea, so the check below is reliable
    if locked.is_hidden or (comment is not None and comment.hidden):
        raise ValidationError(_("The moderators have already hidden this."), code="hidden")
    open_reports = Report.objects.filter(
        reporter=reporter, idea=idea, comment=comment, status=Report.Status.OPEN
    )
    duplicate = ValidationError(
        _("You have already reported this. The moderators will look at it."), code="duplicate"
    )
    if open_reports.exists():
        raise duplicate
    try:
        with transaction.atomic():
            report = Report.objects.create(idea=idea, comment=comment, reporter=reporter, reason=reason)
    except IntegrityError as exc:
        raise duplicate from exc
    return report


def _resolve_reports(*, idea: Idea, comment: Comment | None, actor: Any, status: str) -> list[int]:
    reports = Report.objects.filter(idea=idea, comment=comment, status=Report.Status.OPEN)
    ids = list(reports.values_list("pk", flat=True))
    Report.objects.filter(pk__in=ids).update(status=status, resolved_at=timezone.now(), resolved_by=actor)
    return ids


# Moderation -----------------------------------------------------------------------------


@transaction.atomic
def idea_hide(*, idea: Idea, actor: Any, reason: str) -> Idea:
    """A moderator hides an idea, with a reason everyone sees in its place. Open reports on
    it are resolved; its author is told."""
    require(actor, "participation.moderate", idea)
    reason = _text(reason, field="reason", limit=REASON_MAX)
    locked = _locked_idea(idea)
    if locked.is_hidden:
        raise ValidationError(_("This idea is already hidden."), code="hidden")
    locked.status, locked.hidden_reason, locked.hidden_at = Idea.Status.HIDDEN, reason, timezone.now()
    locked.save(update_fields=["status", "hidden_reason", "hidden_at"])
    reports = _resolve_reports(idea=locked, comment=None, actor=actor, status=Report.Status.HIDDEN)
    audit_record(
        hub=locked.hub,
        actor=actor,
        action="participation.idea_hide",
        target=locked,
        reason=reason,
        data={"space": locked.space.key, "reports": reports},
    )
    if locked.author is not None and locked.author_id != actor.pk:
        notify(
            [locked.author],
            template="participation/email/hidden.txt",
            context={"hub": locked.hub, "idea": locked, "comment": None, "reason": reason},
        )
    return locked


@transaction.atomic
def idea_unhide(*, idea: Idea, actor: Any, reason: str = "") -> Idea:
    require(actor, "participation.moderate", idea)
    reason = _text(reason, field="reason", limit=REASON_MAX, required=False)
    locked = _locked_idea(idea)
    if not locked.is_hidden:
        raise ValidationError(_("This idea is not hidden."), code="visible")
    previous = locked.hidden_reason
    locked.status, locked.hidden_reason, locked.hidden_at = Idea.Status.VISIBLE, "", None
    locked.save(update_fields=["status", "hidden_reason", "hidden_at"])
    audit_record(
        hub=locked.hub,
        actor=actor,
        action="participation.idea_unhide",
        target=locked,
        reason=reason,
        data={"space": locked.space.key, "previous_reason": previous},
    )
    return locked


@transaction.atomic
def comment_hide(*, comment: Comment, actor: Any, reason: str) -> Comment:
    """A moderator hides a comment; its replies stay. The idea's comment count drops by one."""
    require(actor, "participation.moderate", comment)
    reason = _text(reason, field="reason", limit=REASON_MAX)
    idea = _locked_idea(comment.idea)
    locked = Comment.objects.select_for_update().get(pk=comment.pk)
    if locked.hidden:
        raise ValidationError(_("This comment is already hidden."), code="hidden")
    locked.hidden, locked.hidden_reason = True, reason
    locked.save(update_fields=["hidden", "hidden_reason"])
    Idea.objects.filter(pk=idea.pk).update(comment_count=F("comment_count") - 1)
    reports = _resolve_reports(idea=idea, comment=locked, actor=actor, status=Report.Status.HIDDEN)
    audit_record(
        hub=idea.hub,
        actor=actor,
        action="participation.comment_hide",
        target=locked,
        reason=reason,
        data={"idea": idea.pk, "space": idea.space.key, "reports": reports},
    )
    if locked.author is not None and locked.author_id != actor.pk:
        notify(
            [locked.author],
            template="participation/email/hidden.txt",
            context={"hub": idea.hub, "idea": idea, "comment": locked, "reason": reason},
        )
    return locked


@transaction.atomic
def comment_unhide(*, comment: Comment, actor: Any, reason: str = "") -> Comment:
    require(actor, "participation.moderate", comment)
    reason = _text(reason, field="reason", limit=REASON_MAX, required=False)
    idea = _locked_idea(comment.idea)
    locked = Comment.objects.select_for_update().get(pk=comment.pk)
    if not locked.hidden:
        raise ValidationError(_("This comment is not hidden."), code="visible")
    previous = locked.hidden_reason
    locked.hidden, locked.hidden_reason = False, ""
    locked.save(update_fields=["hidden", "hidden_reason"])
    Idea.objects.filter(pk=idea.pk).update(comment_count=F("comment_count") + 1)
    audit_record(
        hub=idea.hub,
        actor=actor,
        action="participation.comment_unhide",
        target=locked,
        reason=reason,
        data={"idea": idea.pk, "space": idea.space.key, "previous_reason": previous},
    )
    return locked


def report_hide(*, report: Report, actor: Any, reason: str) -> Idea | Comment:
    """Decide a report by hiding what it is about (resolving every open report on it)."""
    if report.status != Report.Status.OPEN:
        raise ValidationError(_("This report has already been decided."), code="decided")
    if report.comment_id:
        return comment_hide(comment=report.comment, actor=actor, reason=reason)  # type: ignore[arg-type]
    return idea_hide(idea=report.idea, actor=actor, reason=reason)


@transaction.atomic
def report_dismiss(*, report: Report, actor: Any, reason: str = "") -> list[int]:
    """Decide that the reported item stays: every open report on it is dismissed."""
    require(actor, "participation.decide_report", report)
    reason = _text(reason, field="reason", limit=REASON_MAX, required=False)
    idea = _locked_idea(report.idea)
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if locked.status != Report.Status.OPEN:
        raise ValidationError(_("This report has already been decided."), code="decided")
    comment = locked.comment
    ids = _resolve_reports(idea=idea, comment=comment, actor=actor, status=Report.Status.DISMISSED)
    audit_record(
        hub=idea.hub,
        actor=actor,
        action="participation.report_dismiss",
        target=comment or idea,
        reason=reason,
        data={"reports": ids, "space": idea.space.key},
    )
    return ids
