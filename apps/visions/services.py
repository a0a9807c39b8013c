"""Every change to shared visions: create, new version, status, co-authors, comments,
endorsements. Keyword-only; each checks permission, writes in one transaction and notifies
after commit. Errors are `ValidationError`s with a code, or `PermissionDenied`."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from apps.audit.services import audit_record
from apps.core.permissions import require
from apps.hubs.models import ApplicationStatus, Membership, Partnership
from apps.hubs.selectors import hub_leads
from apps.notifications.services import notify
from apps.organisations.models import Organisation, Representative
from apps.participation.spaces import Space
from apps.visions.models import TEXT_MAX, Endorsement, VersionComment, Vision, VisionVersion


def _clean_text(text: str) -> str:
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        raise ValidationError({"text": ValidationError(_("Write the text of the vision."), code="required")})
    if len(text) > TEXT_MAX:
        raise ValidationError(
            {
                "text": ValidationError(
                    _("The text can be at most %(max)d characters long.") % {"max": TEXT_MAX},
                    code="max_length",
                )
            }
        )
    return text


@transaction.atomic
def vision_create(*, space: Space, actor: Any, title: str, text: str, note: str = "") -> Vision:
    """Start a vision in a space with its first version."""
    require(actor, "visions.add_vision", space)
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": ValidationError(_("Give the vision a title."), code="required")})
    text = _clean_text(text)
    vision = Vision(title=title[:200], created_by=actor)
    vision.set_space(space)
    vision.full_clean()
    vision.save()
    VisionVersion.objects.create(vision=vision, number=1, text=text, author=actor, note=note.strip()[:300])
    return vision


@transaction.atomic
def version_create(
    *, vision: Vision, actor: Any, text: str, note: str = "", based_on: int | None = None
) -> VisionVersion:
    """Save a new version from the latest one. `based_on` is the number the author started
    from: if someone saved a newer version meanwhile, the author is asked to look at it first."""
    locked = Vision.objects.select_for_update().get(pk=vision.pk)
    require(actor, "visions.add_version", locked)
    text = _clean_text(text)
    latest = locked.versions.order_by("-number").first()
    if based_on is not None and latest is not None and latest.number != based_on:
        raise ValidationError(
            _("Someone saved version %(number)d while you were writing. Start from the latest version.")
            % {"number": latest.number},
            code="stale",
        )
    if latest is not None and latest.text == text:
        raise ValidationError(
            {"text": ValidationError(_("Nothing has changed since the latest version."), code="unchanged")}
        )
    number = (locked.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = VisionVersion.objects.create(
        vision=locked, number=number, text=text, author=actor, note=(note or "").strip()[:300]
    )
    locked.save(update_fields=["updated_at"])
    watchers = [u for u in locked.coauthors.all() if u.pk != actor.pk]
    notify(
        watchers,
        template="visions/email/new_version.txt",
        context={"vision": locked, "version": version, "author": actor},
        url=version.get_absolute_url(),
        hub=locked.hub,
        kind="vision",
    )
    return version


@transaction.atomic
def vision_update(
    *, vision: Vision, actor: Any, title: str | None = None, status: str | None = None
) -> Vision:
    require(actor, "visions.change_vision", vision)
    locked = Vision.objects.select_for_update().get(pk=vision.pk)
    if title is not None:
        if not title.strip():
            raise ValidationError({"title": ValidationError(_("Give the vision a title."), code="required")})
        locked.title = title.strip()[:200]
    before = locked.status
    if status is not None:
        if status not in Vision.Status.values:
            raise ValidationError({"status": ValidationError(_("Choose a valid status."), code="invalid")})
        locked.status = status
    locked.save()
    if locked.status != before:
        # Adopting a vision closes a decision (and stops new versions): one entry, and the
        # people who wrote it are told.
        audit_record(
            hub=locked.hub,
            actor=actor,
            action="visions.adopt" if locked.status == Vision.Status.ADOPTED else "visions.status_change",
            target=locked,
            data={"before": before, "after": locked.status},
        )
        writers = [locked.created_by, *locked.coauthors.all()]
        notify(
            [u for u in writers if u is not None and u.pk != getattr(actor, "pk", None)],
            template="visions/email/status_changed.txt",
            context={"vision": locked, "actor": actor},
            url=locked.get_absolute_url(),
            hub=locked.hub,
            kind="vision",
        )
    vision.title, vision.status, vision.updated_at = locked.title, locked.status, locked.updated_at
    return locked


@transaction.atomic
def coauthor_add(*, vision: Vision, actor: Any, user: Any) -> None:
    """Invite an approved member of the hub to write with the editors."""
    require(actor, "visions.change_vision", vision)
    if not Membership.objects.filter(
        hub_id=vision.hub_id, user=user, status=ApplicationStatus.APPROVED
    ).exists():
        raise ValidationError(
            {"user": ValidationError(_("Only members of the hub can be co-authors."), code="not_member")}
        )
    vision.coauthors.add(user)
    audit_record(
        hub=vision.hub,
        actor=actor,
        action="visions.coauthor_add",
        target=vision,
        label=f"{vision.title}: {user.display_name}",
        data={"user": user.pk},
    )
    notify(
        [user],
        template="visions/email/coauthor.txt",
        context={"vision": vision, "inviter": actor},
        url=vision.get_absolute_url(),
        hub=vision.hub,
        kind="vision",
    )


@transaction.atomic
def coauthor_remove(*, vision: Vision, actor: Any, user: Any) -> None:
    require(actor, "visions.change_vision", vision)
    if not vision.coauthors.filter(pk=user.pk).exists():
        return
    vision.coauthors.remove(user)
    audit_record(
        hub=vision.hub,
        actor=actor,
        action="visions.coauthor_remove",
        target=vision,
        label=f"{vision.title}: {user.display_name}",
        data={"user": user.pk},
    )
    if user.pk != getattr(actor, "pk", None):
        notify(
            [user],
            template="visions/email/coauthor_removed.txt",
            context={"vision": vision, "actor": actor},
            url=vision.get_absolute_url(),
            hub=vision.hub,
            kind="vision",
        )


@transaction.atomic
def comment_create(*, version: VisionVersion, actor: Any, text: str) -> VersionComment:
    require(actor, "visions.comment_version", version)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": ValidationError(_("Write a comment."), code="required")})
    if len(text) > 5000:
        raise ValidationError(
            {"text": ValidationError(_("A comment can be at most 5000 characters."), code="max_length")}
        )
    return VersionComment.objects.create(version=version, author=actor, text=text)


def endorsable_organisations(*, version: VisionVersion, user: Any) -> list[Organisation]:
    """The approved partner organisations of the hub that `user` represents and that have not
    endorsed this version yet."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        Organisation.objects.filter(
            partnerships__hub_id=version.vision.hub_id,
            partnerships__status=ApplicationStatus.APPROVED,
            representative__user_id=user.pk,
        )
        .exclude(endorsements__version=version)
        .distinct()
        .order_by("name")
    )


def endorse(*, version: VisionVersion, actor: Any, organisation: Organisation) -> Endorsement:
    """A representative endorses a version for their organisation, an approved partner of the
    hub. Once per organisation and version: a second try, even at the same moment, is refused."""
    require(actor, "visions.endorse_version", version)
    is_partner = Partnership.objects.filter(
        hub_id=version.vision.hub_id, organisation=organisation, status=ApplicationStatus.APPROVED
    ).exists()
    represents = Representative.objects.filter(organisation=organisation, user_id=actor.pk).exists()
    if not (is_partner and represents):
        raise PermissionDenied(
            _("Only a representative of an approved partner organisation can endorse for it.")
        )
    duplicate = ValidationError(
        _("%(name)s has already endorsed this version.") % {"name": organisation.name}, code="duplicate"
    )
    try:
        with transaction.atomic():
            if Endorsement.objects.filter(version=version, organisation=organisation).exists():
                raise duplicate
            endorsement = Endorsement.objects.create(
                version=version, organisation=organisation, representative=actor
            )
            notify(
                hub_leads(version.vision.hub),
                template="visions/email/endorsed.txt",
                context={"vision": version.vision, "version": version, "organisation": organisation},
                url=version.get_absolute_url(),
                hub=version.vision.hub,
                kind="vision",
            )
    except IntegrityError as exc:
        # Two representatives at once: the unique constraint lets one through.
        raise duplicate from exc
    return endorsement
