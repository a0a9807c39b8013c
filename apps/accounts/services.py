"""Writes for people: their profile and consents, and the shared list of competences."""

import hashlib
import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import ApiToken, Competence, Profile

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


# Personal API tokens -------------------------------------------------------------------

TOKEN_PREFIX = "alm_"  # noqa: S105 (a marker that says what the secret is, not a secret) # nosec B105
MAX_ACTIVE_TOKENS = 20


def token_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user: Any, name: str, scope: str = ApiToken.Scope.WRITE) -> tuple[ApiToken, str]:
    """Make a token for `user`; returns it and the secret, which is never stored or shown again."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(_("Sign in to make an API token."))
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": ValidationError(_("Give the token a name."), code="required")})
    if scope not in ApiToken.Scope.values:
        raise ValidationError({"scope": ValidationError(_("Choose what the token may do."), code="invalid")})
    # Lock the person's row, so that two requests at once cannot pass the limit together.
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    if ApiToken.objects.filter(user=user, revoked_at__isnull=True).count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            _("You have %(max)d tokens. Revoke one you no longer use first.") % {"max": MAX_ACTIVE_TOKENS},
            code="too_many",
        )
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name[:80], scope=scope, prefix=key[:12], key_hash=token_hash(key)
    )
    return token, key


@transaction.atomic
def api_token_revoke(*, user: Any, token: ApiToken) -> ApiToken:
    if token.user_id != user.pk:
        raise PermissionDenied(_("You do not have permission to do this."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_user(key: str) -> tuple[Any, ApiToken] | None:
    """The active person behind a token, or None. Marks the token used (at most once a minute)."""
    if not key or not key.startswith(TOKEN_PREFIX) or len(key) > 100:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=token_hash(key), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user, token
