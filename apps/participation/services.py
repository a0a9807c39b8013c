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
def _set_hidden(
    *, idea: Idea, comment: Comment | None, actor: Any, hide: bool, reason: str
) -> Idea | Comment:
    """Hide or show again an idea or one of its comments: the one moderation of both.

    Hiding needs a reason (shown in the item's place), resolves the open reports on it, and tells
    its author; a hidden comment's replies stay and the idea's comment count drops by one. Each
    change writes one audit entry."""
    require(actor, "participation.moderate", comment or idea)
    reason = _text(reason, field="reason", limit=REASON_MAX, required=hide)
    locked_idea = _locked_idea(idea)
    target: Idea | Comment
    if comment is not None:
        target = Comment.objects.select_for_update().get(pk=comment.pk)
        hidden_now = target.hidden
    else:
        target = locked_idea
        hidden_now = target.is_hidden
    if hide and hidden_now:
        message = _("This comment is already hidden.") if comment else _("This idea is already hidden.")
        raise ValidationError(message, code="hidden")
    if not hide and not hidden_now:
        message = _("This comment is not hidden.") if comment else _("This idea is not hidden.")
        raise ValidationError(message, code="visible")
    previous = target.hidden_reason
    if isinstance(target, Comment):
        target.hidden, target.hidden_reason = hide, reason if hide else ""
        target.save(update_fields=["hidden", "hidden_reason"])
        Idea.objects.filter(pk=locked_idea.pk).update(comment_count=F("comment_count") + (-1 if hide else 1))
    else:
        target.status = Idea.Status.HIDDEN if hide else Idea.Status.VISIBLE
        target.hidden_reason, target.hidden_at = (reason, timezone.now()) if hide else ("", None)
        target.save(update_fields=["status", "hidden_reason", "hidden_at"])
    locked_comment = target if isinstance(target, Comment) else None
    data: dict[str, Any] = {"space": locked_idea.space.key}
    if comment is not None:
        data["idea"] = locked_idea.pk
    if hide:
        data["reports"] = _resolve_reports(
            idea=locked_idea, comment=locked_comment, actor=actor, status=Report.Status.HIDDEN
        )
    else:
        data["previous_reason"] = previous
    audit_record(
        hub=locked_idea.hub,
        actor=actor,
        action=f"participation.{'comment' if comment else 'idea'}_{'hide' if hide else 'unhide'}",
        target=target,
        reason=reason,
        data=data,
    )
    if hide and target.author is not None and target.author_id != actor.pk:
        notify(
            [target.author],
            template="participation/email/hidden.txt",
            context={
                "hub": locked_idea.hub,
                "idea": locked_idea,
                "comment": locked_comment,
                "reason": reason,
            },
        )
    return target


def idea_hide(*, idea: Idea, actor: Any, reason: str) -> Idea:
    """A moderator hides an idea, with a reason everyone sees in its place."""
    return _set_hidden(idea=idea, comment=None, actor=actor, hide=True, reason=reason)  # type: ignore[return-value]


def idea_unhide(*, idea: Idea, actor: Any, reason: str = "") -> Idea:
    return _set_hidden(idea=idea, comment=None, actor=actor, hide=False, reason=reason)  # type: ignore[return-value]


def comment_hide(*, comment: Comment, actor: Any, reason: str) -> Comment:
    """A moderator hides a comment; its replies stay."""
    return _set_hidden(idea=comment.idea, comment=comment, actor=actor, hide=True, reason=reason)  # type: ignore[return-value]


def comment_unhide(*, comment: Comment, actor: Any, reason: str = "") -> Comment:
    return _set_hidden(idea=comment.idea, comment=comment, actor=actor, hide=False, reason=reason)  # type: ignore[return-value]


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
