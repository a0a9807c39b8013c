"""Every change to initiatives goes through here.

Each function is keyword-only, checks permission, writes inside one transaction and does its
side effects (notifications) only after commit. Errors are Django `ValidationError`s with
translated messages (keyed by form field where there is one), or `PermissionDenied`.
"""

import hashlib
import secrets
from collections.abc import Iterable
from datetime import date, timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from apps.accounts.selectors import has_verified_email
from apps.audit.services import audit_record
from apps.core.dates import check_window
from apps.core.documents import BadDocument, check_document
from apps.core.images import (
    TooManyPixels,
    UnreadableImage,
    read_image,
    too_many_pixels_message,
    without_metadata,
)
from apps.core.permissions import require
from apps.core.tasks import send_email
from apps.core.text import render_plain
from apps.hubs.models import Hub
from apps.hubs.selectors import hub_leads
from apps.initiatives.geo import locate
from apps.initiatives.models import (
    Follow,
    Initiative,
    InitiativeImage,
    InitiativeUpdate,
    Permit,
    PermitDocument,
    PermitStatus,
    TeamInvitation,
    TeamMember,
    TeamRole,
)
from apps.initiatives.rules import forget_team
from apps.notifications.services import notify

# Path segments under /<hub>/initiatives/ that an initiative's slug may not take.
RESERVED_SLUGS = frozenset({"new", "map"})
IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
DOCUMENT_TYPES = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}


# Initiatives --------------------------------------------------------------------------------


_TRANSLITERATE = str.maketrans(
    {"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "đ": "d", "ł": "l", "Ł": "L"}
)


def _unique_slug(hub: Hub, title: str) -> str:
    base = slugify(title.translate(_TRANSLITERATE))[:100].strip("-") or "initiative"
    if base in RESERVED_SLUGS:
        base = f"{base}-initiative"
    slug, n = base, 2
    while Initiative.objects.filter(hub=hub, slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _apply_place(initiative: Initiative, hub: Hub, place: Any) -> None:
    located = locate(hub, place)
    if located is None:
        initiative.place, initiative.lon, initiative.lat, initiative.area = None, None, None, None
    else:
        initiative.place, initiative.lon, initiative.lat = located.geometry, located.lon, located.lat
        initiative.area = located.area


@transaction.atomic
def initiative_submit(
    *,
    hub: Hub,
    actor: Any,
    title: str,
    summary: str = "",
    description: str = "",
    place: Any = None,
) -> Initiative:
    """Anyone signed in submits an idea. They own it, are in its team and follow it; the hub's
    stewards and network lead are told (I4)."""
    require(actor, "initiatives.submit_initiative", hub)
    initiative = Initiative(
        hub=hub,
        owner=actor,
        title=title.strip(),
        summary=summary.strip(),
        description=description.strip(),
        status=Initiative.Status.IDEA,
    )
    _apply_place(initiative, hub, place)
    initiative.slug = _unique_slug(hub, initiative.title)
    # The unique slug is the database's job (see below): a check here would race.
    initiative.full_clean(exclude=["slug"], validate_unique=False, validate_constraints=False)
    for _attempt in range(20):
        try:
            with transaction.atomic():
                initiative.save()
            break
        except IntegrityError:
            # An initiative with the same title was created at the same moment and took the slug.
            if not Initiative.objects.filter(hub=hub, slug=initiative.slug).exists():
                raise
            initiative.slug = _unique_slug(hub, initiative.title)
    else:  # pragma: no cover - twenty races in a row
        raise ValidationError(_("Please try again."), code="busy")
    TeamMember.objects.create(initiative=initiative, user=actor, role=TeamRole.OWNER)
    Follow.objects.create(initiative=initiative, user=actor)
    forget_team(actor)
    notify(
        [u for u in hub_leads(hub) if u.pk != actor.pk],
        template="initiatives/email/new_idea.txt",
        context={"hub": hub, "initiative": initiative, "author": actor},
        url=initiative.get_absolute_url(),
        hub=hub,
    )
    return initiative


@transaction.atomic
def initiative_update(
    *,
    initiative: Initiative,
    actor: Any,
    title: str,
    summary: str = "",
    description: str = "",
    place: Any = None,
    status: str | None = None,
) -> Initiative:
    """The owner, a project lead or a steward edits the initiative. The address (slug) stays."""
    require(actor, "initiatives.change_initiative", initiative)
    locked = Initiative.objects.select_for_update().select_related("hub").get(pk=initiative.pk)
    locked.title, locked.summary, locked.description = title.strip(), summary.strip(), description.strip()
    if status is not None:
        if status not in Initiative.Status.values:
            raise ValidationError({"status": ValidationError(_("Choose a valid status."), code="status")})
        locked.status = status
    _apply_place(locked, locked.hub, place)
    locked.full_clean(validate_unique=False, validate_constraints=False)
    locked.save()
    return locked


# Team ---------------------------------------------------------------------------------------


def _check_role(role: str) -> None:
    if role not in TeamRole.values:
        raise ValidationError({"role": ValidationError(_("Choose a valid role."), code="role")})


@transaction.atomic
def team_member_add(
    *, initiative: Initiative, actor: Any, user: Any, role: str = TeamRole.MEMBER
) -> TeamMember:
    """The owner or a steward adds a person to the team."""
    require(actor, "initiatives.manage_team", initiative)
    _check_role(role)
    duplicate = ValidationError(
        {"email": ValidationError(_("This person is already in the team."), code="duplicate")}
    )
    if TeamMember.objects.filter(initiative=initiative, user=user).exists():
        raise duplicate
    try:
        with transaction.atomic():
            member = TeamMember.objects.create(initiative=initiative, user=user, role=role)
    except IntegrityError as exc:
        raise duplicate from exc
    forget_team(user)
    Follow.objects.get_or_create(initiative=initiative, user=user)
    _team_changed(initiative, actor, user, "added", role)
    return member


def _team_changed(initiative: Initiative, actor: Any, user: Any, change: str, role: str = "") -> None:
    """One audit entry for a change of who is in a team and with which role, and a word to the
    person it concerns (unless they made it themselves)."""
    audit_record(
        hub=initiative.hub,
        actor=actor,
        action=f"initiatives.team_{change}",
        target=initiative,
        label=f"{initiative.title}: {user.display_name}",
        data={"user": user.pk, "role": role},
    )
    if user.pk != getattr(actor, "pk", None):
        notify(
            [user],
            template="initiatives/email/team_changed.txt",
            context={
                "hub": initiative.hub,
                "initiative": initiative,
                "actor": actor,
                "change": change,
                "role_label": TeamRole(role).label if role else "",
            },
            url=initiative.get_absolute_url(),
            kind="team",
        )


@transaction.atomic
def team_member_join(*, initiative: Initiative, user: Any) -> TeamMember:
    """A person joins the team at their own confirmed wish — a concept vote's offer to join the
    project group (the calling service has checked the offer). Already in it: nothing changes."""
    member, created = TeamMember.objects.get_or_create(
        initiative=initiative, user=user, defaults={"role": TeamRole.MEMBER}
    )
    forget_team(user)
    Follow.objects.get_or_create(initiative=initiative, user=user)
    if created:
        _team_changed(initiative, user, user, "joined", TeamRole.MEMBER)
    return member


@transaction.atomic
def team_member_set_role(*, member: TeamMember, actor: Any, role: str) -> TeamMember:
    require(actor, "initiatives.manage_team", member.initiative)
    _check_role(role)
    locked = TeamMember.objects.select_for_update().select_related("initiative").get(pk=member.pk)
    if locked.user_id == locked.initiative.owner_id and role != TeamRole.OWNER:
        raise ValidationError(
            {"role": ValidationError(_("The initiative's owner stays its project owner."), code="owner")}
        )
    if locked.role == role:
        return locked  # nothing changed: no entry, nobody told
    locked.role = role
    locked.save(update_fields=["role"])
    forget_team(locked.user)
    _team_changed(locked.initiative, actor, locked.user, "role", role)
    return locked


@transaction.atomic
def team_member_remove(*, member: TeamMember, actor: Any) -> None:
    require(actor, "initiatives.manage_team", member.initiative)
    if member.user_id == member.initiative.owner_id:
        raise ValidationError(_("The initiative's owner cannot be removed from the team."), code="owner")
    TeamMember.objects.filter(pk=member.pk).delete()
    forget_team(member.user)
    _team_changed(member.initiative, actor, member.user, "removed", member.role)


# Invitations by e-mail -----------------------------------------------------------------------
# Adding a person by e-mail never says whether the address has an account: the same invitation
# e-mail goes out either way, and its link works after signing up.

INVITATION_DAYS = 14


def invitation_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def team_invite(
    *, initiative: Initiative, actor: Any, email: str, role: str = TeamRole.MEMBER
) -> TeamInvitation:
    """The owner or a steward invites an e-mail address to the team. Inviting the same address
    again while the first invitation is open renews it (a new link; the old one stops working)."""
    require(actor, "initiatives.manage_team", initiative)
    _check_role(role)
    address = (email or "").strip().lower()
    try:
        validate_email(address)
    except ValidationError as exc:
        raise ValidationError(
            {"email": ValidationError(_("Enter a valid e-mail address."), code="invalid")}
        ) from exc
    locked = Initiative.objects.select_for_update().select_related("hub").get(pk=initiative.pk)
    token = secrets.token_urlsafe(32)
    invitation, _created = TeamInvitation.objects.update_or_create(
        initiative=locked,
        email=address,
        accepted_at=None,
        defaults={
            "role": role,
            "invited_by": actor,
            "token_hash": invitation_token_hash(token),
            "expires_at": timezone.now() + timedelta(days=INVITATION_DAYS),
        },
    )
    audit_record(
        hub=locked.hub,
        actor=actor,
        action="initiatives.team_invite",
        target=locked,
        label=locked.title,
        data={"invitation": invitation.pk, "role": role},
    )
    link = settings.SITE_URL + reverse(
        "hubs:initiatives:team_join", args=[locked.hub.slug, locked.slug, token]
    )
    text = render_plain(
        "initiatives/email/team_invitation.txt",
        {
            "initiative": locked,
            "hub": locked.hub,
            "actor": actor,
            "role_label": TeamRole(role).label,
            "link": link,
            "days": INVITATION_DAYS,
        },
    ).strip()
    subject, _sep, body = text.partition("\n")
    message = {"to": [address], "subject": subject.strip(), "body": body.strip()}
    transaction.on_commit(partial(send_email.delay, **message), robust=True)
    return invitation


def team_invitation_get(*, initiative: Initiative, token: str) -> TeamInvitation | None:
    """The open, unexpired invitation to `initiative` with this token, or None."""
    return (
        TeamInvitation.objects.filter(
            initiative=initiative,
            token_hash=invitation_token_hash(token or ""),
            accepted_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .select_related("initiative", "initiative__hub")
        .first()
    )


@transaction.atomic
def team_invitation_accept(*, initiative: Initiative, token: str, user: Any) -> TeamMember:
    """A signed-in person accepts an invitation: they join the team with its role. Already in
    the team: the invitation is used up and nothing else changes."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(_("Sign in to accept the invitation."))
    found = team_invitation_get(initiative=initiative, token=token)
    invitation = (
        TeamInvitation.objects.select_for_update().filter(pk=found.pk, accepted_at__isnull=True).first()
        if found
        else None
    )
    if invitation is None:
        raise ValidationError(
            _("This invitation is no longer valid. Ask the team for a new one."), code="invalid"
        )
    if not has_verified_email(user=user, address=invitation.email):
        raise ValidationError(
            _(
                "This invitation was sent to another e-mail address. Sign in with the address it "
                "was sent to, or ask the team to invite the address you use here."
            ),
            code="other_address",
        )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    member, created = TeamMember.objects.get_or_create(
        initiative=initiative, user=user, defaults={"role": invitation.role}
    )
    forget_team(user)
    Follow.objects.get_or_create(initiative=initiative, user=user)
    if created:
        _team_changed(initiative, user, user, "joined", invitation.role)
    return member


# Updates and followers ------------------------------------------------------------------------


@transaction.atomic
def update_post(*, initiative: Initiative, actor: Any, title: str, body: str) -> InitiativeUpdate:
    """The team or a steward posts a public update; the followers are told."""
    require(actor, "initiatives.post_update", initiative)
    update = InitiativeUpdate(initiative=initiative, author=actor, title=title.strip(), body=body.strip())
    update.full_clean()
    update.save()
    notify_followers(
        initiative,
        template="initiatives/email/update_posted.txt",
        context={"hub": initiative.hub, "update": update},
        exclude=[actor],
        kind="general",
    )
    return update


@transaction.atomic
def initiative_follow(*, initiative: Initiative, user: Any) -> Follow:
    """Follow an initiative. Following twice is harmless: the same follow comes back."""
    require(user, "initiatives.follow", initiative)
    existing = Follow.objects.filter(initiative=initiative, user=user).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return Follow.objects.create(initiative=initiative, user=user)
    except IntegrityError:
        # The same person followed at the same moment (two clicks, two tabs).
        return Follow.objects.get(initiative=initiative, user=user)


@transaction.atomic
def initiative_unfollow(*, initiative: Initiative, user: Any) -> None:
    require(user, "initiatives.follow", initiative)
    Follow.objects.filter(initiative=initiative, user=user).delete()


# Images -------------------------------------------------------------------------------------


def _check_size(upload: UploadedFile, field: str) -> None:
    limit = settings.MAX_UPLOAD_SIZE
    if upload.size is None or upload.size > limit:
        raise ValidationError(
            {
                field: ValidationError(
                    _("The file is too large. The limit is %(mb)s MB.") % {"mb": round(limit / 1048576, 1)},
                    code="too_large",
                )
            }
        )


def _image_format(upload: UploadedFile, field: str, *, decode: bool = False) -> tuple[str, int, int]:
    """The Pillow format name and size of an uploaded image, or a ValidationError."""
    try:
        return read_image(upload, IMAGE_FORMATS, decode=decode)
    except TooManyPixels as exc:
        raise ValidationError(
            {field: ValidationError(too_many_pixels_message(), code="too_many_pixels")}
        ) from exc
    except UnreadableImage as exc:
        raise ValidationError(
            {field: ValidationError(_("Upload a JPEG, PNG or WebP image."), code="file_type")}
        ) from exc


@transaction.atomic
def image_add(
    *, initiative: Initiative, actor: Any, image: UploadedFile, alt_text: str, caption: str = ""
) -> InitiativeImage:
    """The team or a steward adds an image (JPEG, PNG or WebP) with a text alternative."""
    require(actor, "initiatives.add_image", initiative)
    if not alt_text.strip():
        raise ValidationError(
            {"alt_text": ValidationError(_("Describe the image for people who cannot see it."), code="alt")}
        )
    _check_size(image, "image")
    kind, width, height = _image_format(image, "image")
    clean, width, height = without_metadata(image, kind)
    clean.name = f"{slugify(initiative.title)[:40] or 'image'}.{IMAGE_FORMATS[kind]}"
    record = InitiativeImage(
        initiative=initiative,
        image=clean,
        alt_text=alt_text.strip(),
        caption=caption.strip(),
        width=width,
        height=height,
        uploaded_by=actor,
    )
    record.full_clean(exclude=["image"])
    record.save()
    return record


@transaction.atomic
def image_remove(*, image: InitiativeImage, actor: Any) -> None:
    require(actor, "initiatives.add_image", image.initiative)
    stored = image.image
    image.delete()
    transaction.on_commit(lambda: stored.delete(save=False))


# Permits ------------------------------------------------------------------------------------


# A permit is applied for at most ten years back (a long project keeps its old permits on the
# checklist) and at most a year ahead (a planned application); a decision is dated at most ten
# years back and two years ahead (the date a decision is expected). A decision already made
# (approved or rejected) cannot lie in the future. Dates already saved are checked again only
# when they change.
PERMIT_PAST_DAYS = 10 * 366
PERMIT_APPLIED_FUTURE_DAYS = 366
PERMIT_DECIDED_FUTURE_DAYS = 2 * 366


def _check_permit(permit: Permit, *, before: tuple[date | None, date | None] = (None, None)) -> None:
    if permit.applied_on and permit.decided_on and permit.decided_on < permit.applied_on:
        raise ValidationError(
            {
                "decided_on": ValidationError(
                    _("The decision cannot come before the application."), code="ends_before_start"
                )
            }
        )
    if permit.applied_on != before[0]:
        check_window(
            permit.applied_on,
            field="applied_on",
            past_days=PERMIT_PAST_DAYS,
            future_days=PERMIT_APPLIED_FUTURE_DAYS,
        )
    if permit.decided_on != before[1]:
        check_window(
            permit.decided_on,
            field="decided_on",
            past_days=PERMIT_PAST_DAYS,
            future_days=PERMIT_DECIDED_FUTURE_DAYS,
        )
    decided = permit.status in (PermitStatus.APPROVED, PermitStatus.REJECTED)
    if decided and permit.decided_on is None:
        raise ValidationError(
            {"decided_on": ValidationError(_("Give the date of the decision."), code="required")}
        )
    if decided and permit.decided_on and permit.decided_on > timezone.localdate():
        raise ValidationError(
            {
                "decided_on": ValidationError(
                    _("A decision already made cannot be dated in the future."), code="future"
                )
            }
        )


def _save_permit(permit: Permit, *, before: tuple[date | None, date | None] = (None, None)) -> Permit:
    permit.what, permit.authority, permit.decision = (
        permit.what.strip(),
        permit.authority.strip(),
        permit.decision.strip(),
    )
    permit.full_clean(validate_constraints=False)
    _check_permit(permit, before=before)
    permit.save()
    return permit


@transaction.atomic
def permit_create(
    *,
    initiative: Initiative,
    actor: Any,
    what: str,
    authority: str = "",
    status: str = PermitStatus.NOT_APPLIED,
    applied_on: date | None = None,
    decided_on: date | None = None,
    decision: str = "",
) -> Permit:
    """The team or a steward adds a permit or approval to the initiative's checklist (I6)."""
    require(actor, "initiatives.manage_permits", initiative)
    return _save_permit(
        Permit(
            initiative=initiative,
            what=what,
            authority=authority,
            status=status,
            applied_on=applied_on,
            decided_on=decided_on,
            decision=decision,
        )
    )


@transaction.atomic
def permit_update(
    *,
    permit: Permit,
    actor: Any,
    what: str,
    authority: str = "",
    status: str = PermitStatus.NOT_APPLIED,
    applied_on: date | None = None,
    decided_on: date | None = None,
    decision: str = "",
) -> Permit:
    require(actor, "initiatives.manage_permits", permit.initiative)
    locked = Permit.objects.select_for_update().get(pk=permit.pk)
    before = (locked.applied_on, locked.decided_on)
    locked.what, locked.authority, locked.status = what, authority, status
    locked.applied_on, locked.decided_on, locked.decision = applied_on, decided_on, decision
    return _save_permit(locked, before=before)


@transaction.atomic
def permit_delete(*, permit: Permit, actor: Any) -> None:
    require(actor, "initiatives.manage_permits", permit.initiative)
    files = [d.file for d in permit.documents.all()]
    permit.delete()

    def remove_files() -> None:
        for stored in files:
            stored.delete(save=False)

    transaction.on_commit(remove_files)


def _document_type(upload: UploadedFile) -> tuple[str, Any]:
    """The real type of an uploaded document (PDF or an image), read from its whole content,
    and what to store: the PDF as it came, an image re-encoded without metadata."""
    wrong = ValidationError(
        {"file": ValidationError(_("Upload a PDF or an image (JPEG, PNG or WebP)."), code="file_type")}
    )
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
        kind, _w, _h = _image_format(upload, "file", decode=True)
    except ValidationError as exc:
        if exc.error_dict["file"][0].code == "too_many_pixels":
            raise
        raise wrong from exc
    clean, _w, _h = without_metadata(upload, kind)
    return f"image/{kind.lower()}", clean


@transaction.atomic
def permit_document_add(*, permit: Permit, actor: Any, file: UploadedFile, name: str = "") -> PermitDocument:
    """Attach a document (PDF or image) to a permit: the application, the decision …"""
    require(actor, "initiatives.manage_permits", permit.initiative)
    _check_size(file, "file")
    content_type, stored = _document_type(file)
    original = (file.name or "").rsplit("/", 1)[-1]
    label = (name.strip() or original.rsplit(".", 1)[0] or _("Document"))[:200]
    stored.name = f"{slugify(label)[:60] or 'document'}.{DOCUMENT_TYPES[content_type]}"
    document = PermitDocument(
        permit=permit,
        file=stored,
        name=label,
        content_type=content_type,
        size=stored.size or 0,
        uploaded_by=actor,
    )
    document.full_clean(exclude=["file"])
    document.save()
    return document


@transaction.atomic
def permit_document_remove(*, document: PermitDocument, actor: Any) -> None:
    require(actor, "initiatives.manage_permits", document.permit.initiative)
    stored = document.file
    document.delete()
    transaction.on_commit(lambda: stored.delete(save=False))


def initiative_followers(initiative: Initiative) -> list[Any]:
    """Everyone active who follows `initiative`, in the order they began to follow."""
    follows = Follow.objects.filter(initiative=initiative, user__is_active=True).select_related("user")
    return [f.user for f in follows.order_by("pk")]


def notify_followers(
    initiative: Initiative,
    *,
    template: str,
    context: dict[str, Any],
    url: str = "",
    exclude: Iterable[Any] = (),
    kind: str = "initiative",
) -> list[Any]:
    """Notify everyone who follows `initiative`, except the people in `exclude` (users or ids)."""
    skip = {getattr(person, "pk", person) for person in exclude}
    return notify(
        [user for user in initiative_followers(initiative) if user.pk not in skip],
        template=template,
        context={"initiative": initiative, **context},
        url=url or initiative.get_absolute_url(),
        hub=initiative.hub,
        kind=kind,
    )
