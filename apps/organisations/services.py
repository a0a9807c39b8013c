"""Writes for organisations: register one (its creator becomes its representative), edit it,
and add representatives."""

import hashlib
import secrets
from datetime import timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from apps.accounts.selectors import has_verified_email
from apps.core.tasks import send_email
from apps.core.text import render_plain
from apps.notifications.services import notify
from apps.organisations.models import Organisation, Representative, RepresentativeInvitation
from apps.organisations.rules import forget_represented
from apps.organisations.signals import representatives_changed
from apps.organisations.validators import validate_org_number

EDITABLE = ("name", "type", "description", "website", "contact_email")


def _unique_slug(name: str) -> str:
    base = slugify(name)[:200] or "organisation"
    slug, n = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _duplicate_number_error() -> ValidationError:
    return ValidationError(
        {"org_number": _("An organisation with this number is already registered.")},
        code="duplicate",
    )


@transaction.atomic
def organisation_create(
    *,
    actor: Any,
    name: str,
    type: str,  # noqa: A002 - the domain's word
    country: str,
    org_number: str,
    description: str = "",
    website: str = "",
    contact_email: str = "",
    title: str = "",
) -> Organisation:
    """Register an organisation; the person who registers it becomes its first representative."""
    if not actor.has_perm("organisations.add_organisation"):
        raise PermissionDenied(_("Sign in to register an organisation."))
    try:
        number = validate_org_number(country, org_number)
    except ValidationError as exc:
        raise ValidationError({"org_number": exc.messages}) from exc
    if Organisation.objects.filter(country=country, org_number=number).exists():
        raise _duplicate_number_error()
    organisation = Organisation(
        name=name,
        type=type,
        country=country,
        org_number=number,
        description=description,
        website=website,
        contact_email=contact_email,
        slug=_unique_slug(name),
    )
    # Uniqueness is the database's job (see below): a check here would race.
    organisation.full_clean(validate_unique=False, validate_constraints=False)
    while True:
        try:
            with transaction.atomic():
                organisation.save()
            break
        except IntegrityError as exc:
            # Someone registered at the same moment: with this number (refuse), or only
            # with the same name, taking the slug (pick the next free one and try again).
            if Organisation.objects.filter(country=country, org_number=number).exists():
                raise _duplicate_number_error() from exc
            if not Organisation.objects.filter(slug=organisation.slug).exists():
                raise
            organisation.slug = _unique_slug(name)
    Representative.objects.create(organisation=organisation, user=actor, title=title)
    forget_represented(actor)
    return organisation


@transaction.atomic
def organisation_update(*, organisation: Organisation, actor: Any, **fields: Any) -> Organisation:
    if not actor.has_perm("organisations.change_organisation", organisation):
        raise PermissionDenied(_("Only the organisation's representatives can change it."))
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(organisation, name, value)
    organisation.full_clean(validate_unique=False)
    organisation.save()
    return organisation


INVITATION_DAYS = 14


def invitation_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def representative_add(
    *, organisation: Organisation, actor: Any, user: Any, title: str = ""
) -> Representative:
    """Make a person with an account a representative (accepting an invitation, the demo). The
    pages never call this with an e-mail address: they invite (`representative_invite`)."""
    if not actor.has_perm("organisations.change_organisation", organisation) and actor.pk != user.pk:
        raise PermissionDenied(_("Only the organisation's representatives can change it."))
    representative, created = Representative.objects.get_or_create(
        organisation=organisation, user=user, defaults={"title": title}
    )
    if not created:
        raise ValidationError(
            {"email": _("This person already represents the organisation.")}, code="duplicate"
        )
    _representatives_changed(organisation, actor, user, "added")
    return representative


@transaction.atomic
def representative_invite(
    *, organisation: Organisation, actor: Any, email: str, title: str = ""
) -> RepresentativeInvitation:
    """A representative invites an e-mail address to represent the organisation too. The answer
    and the e-mail are the same whether or not the address has an account (no one learns who
    has one); inviting the same address again renews the open invitation (a new link)."""
    if not actor.has_perm("organisations.change_organisation", organisation):
        raise PermissionDenied(_("Only the organisation's representatives can change it."))
    address = (email or "").strip().lower()
    try:
        validate_email(address)
    except ValidationError as exc:
        raise ValidationError(
            {"email": ValidationError(_("Enter a valid e-mail address."), code="invalid")}
        ) from exc
    locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
    token = secrets.token_urlsafe(32)
    invitation, _created = RepresentativeInvitation.objects.update_or_create(
        organisation=locked,
        email=address,
        accepted_at=None,
        defaults={
            "title": title,
            "invited_by": actor,
            "token_hash": invitation_token_hash(token),
            "expires_at": timezone.now() + timedelta(days=INVITATION_DAYS),
        },
    )
    link = settings.SITE_URL + reverse("organisations:representative_join", args=[locked.slug, token])
    text = render_plain(
        "organisations/email/representative_invitation.txt",
        {"organisation": locked, "actor": actor, "link": link, "days": INVITATION_DAYS},
    ).strip()
    subject, _sep, body = text.partition("\n")
    message = {"to": [address], "subject": subject.strip(), "body": body.strip()}
    transaction.on_commit(partial(send_email.delay, **message), robust=True)
    return invitation


def representative_invitation_get(
    *, organisation: Organisation, token: str
) -> RepresentativeInvitation | None:
    """The open, unexpired invitation to `organisation` with this token, or None."""
    return RepresentativeInvitation.objects.filter(
        organisation=organisation,
        token_hash=invitation_token_hash(token or ""),
        accepted_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).first()


@transaction.atomic
def representative_invitation_accept(*, organisation: Organisation, token: str, user: Any) -> Representative:
    """The signed-in person who opened the link becomes a representative. Already one: the
    invitation is used up and nothing else changes."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(_("Sign in to accept the invitation."))
    found = representative_invitation_get(organisation=organisation, token=token)
    invitation = (
        RepresentativeInvitation.objects.select_for_update()
        .filter(pk=found.pk, accepted_at__isnull=True)
        .first()
        if found
        else None
    )
    if invitation is None:
        raise ValidationError(
            _("This invitation is no longer valid. Ask the organisation for a new one."), code="invalid"
        )
    if not has_verified_email(user=user, address=invitation.email):
        raise ValidationError(
            _(
                "This invitation was sent to another e-mail address. Sign in with the address it "
                "was sent to, or ask the organisation to invite the address you use here."
            ),
            code="other_address",
        )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    existing = Representative.objects.filter(organisation=organisation, user=user).first()
    if existing is not None:
        return existing
    representative = Representative.objects.create(
        organisation=organisation, user=user, title=invitation.title
    )
    _representatives_changed(organisation, invitation.invited_by or user, user, "added")
    return representative


def _representatives_changed(organisation: Organisation, actor: Any, user: Any, change: str) -> None:
    """Who represents an organisation decides who may act for it: the hubs it partners with
    record the change (a signal hubs listens to) and the person is told."""
    forget_represented(user)
    representatives_changed.send(
        sender=Organisation, organisation=organisation, actor=actor, user=user, change=change
    )
    if user.pk != getattr(actor, "pk", None):
        notify(
            [user],
            template="organisations/email/representative_changed.txt",
            context={"organisation": organisation, "actor": actor, "change": change},
            url=reverse("organisations:detail", args=[organisation.slug]),
            kind="offices",
        )


@transaction.atomic
def representative_remove(*, organisation: Organisation, actor: Any, user: Any) -> None:
    if not actor.has_perm("organisations.change_organisation", organisation):
        raise PermissionDenied(_("Only the organisation's representatives can change it."))
    if organisation.representative_set.count() <= 1:
        raise ValidationError(
            _("An organisation needs at least one representative."), code="last_representative"
        )
    if organisation.representative_set.filter(user=user).delete()[0]:
        _representatives_changed(organisation, actor, user, "removed")
