"""Writes for organisations: register one (its creator becomes its representative), edit it,
and add representatives."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from apps.notifications.services import notify
from apps.organisations.models import Organisation, Representative
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


@transaction.atomic
def representative_add(
    *, organisation: Organisation, actor: Any, email: str, title: str = ""
) -> Representative:
    """A representative adds another person, who must already have an account."""
    from apps.accounts.models import User

    if not actor.has_perm("organisations.change_organisation", organisation):
        raise PermissionDenied(_("Only the organisation's representatives can change it."))
    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise ValidationError(
            {"email": _("Nobody with this e-mail address has an account yet. Ask them to sign up first.")},
            code="unknown_user",
        )
    representative, created = Representative.objects.get_or_create(
        organisation=organisation, user=user, defaults={"title": title}
    )
    if not created:
        raise ValidationError(
            {"email": _("This person already represents the organisation.")}, code="duplicate"
        )
    _representatives_changed(organisation, actor, user, "added")
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
