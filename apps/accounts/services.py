"""Writes for people: their profile and consents, and the shared list of competences."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import Competence, Profile

PROFILE_FIELDS = (
    "headline",
    "place",
    "interests",
    "motivation",
    "ideas",
    "phone",
    "contact_email",
)


def profile_get_or_create(*, user: Any) -> Profile:
    profile, _created = Profile.objects.get_or_create(user=user)
    return profile


@transaction.atomic
def profile_update(
    *,
    user: Any,
    name: str | None = None,
    competences: list[Competence] | None = None,
    consent_public_profile: bool | None = None,
    consent_public_contact: bool | None = None,
    **fields: Any,
) -> Profile:
    """Update a person's own profile. Each consent records when it was given."""
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    profile = profile_get_or_create(user=user)
    if name is not None:
        user.name = name
        user.full_clean(validate_unique=False)
        user.save(update_fields=["name"])
    for key, value in fields.items():
        setattr(profile, key, value)
    now = timezone.now()
    if consent_public_profile is not None and consent_public_profile != profile.consent_public_profile:
        profile.consent_public_profile = consent_public_profile
        profile.consent_public_profile_at = now if consent_public_profile else None
    if consent_public_contact is not None and consent_public_contact != profile.consent_public_contact:
        profile.consent_public_contact = consent_public_contact
        profile.consent_public_contact_at = now if consent_public_contact else None
    profile.full_clean()
    profile.save()
    if competences is not None:
        profile.competences.set(competences)
    return profile


@transaction.atomic
def competence_save(
    *, actor: Any, name_en: str, name_nb: str, name_sv: str, slug: str, competence: Competence | None = None
) -> Competence:
    """Stewards add to or correct the curated list of competences."""
    if not actor.has_perm("accounts.manage_competences"):
        raise PermissionDenied(_("Only stewards can change the list of competences."))
    competence = competence or Competence()
    competence.slug, competence.name_en, competence.name_nb, competence.name_sv = (
        slug,
        name_en,
        name_nb,
        name_sv,
    )
    competence.full_clean()
    competence.save()
    return competence


@transaction.atomic
def competence_delete(*, actor: Any, competence: Competence) -> None:
    if not actor.has_perm("accounts.manage_competences"):
        raise PermissionDenied(_("Only stewards can change the list of competences."))
    competence.delete()
