"""Reads about people."""

from typing import Any

from django.db.models import Count, QuerySet

from apps.accounts.models import ApiToken, Competence


def competences_with_counts() -> QuerySet[Competence]:
    return Competence.objects.annotate(profile_count=Count("profiles")).order_by("slug")


def api_tokens(*, user: Any) -> list[ApiToken]:
    """A person's tokens, active ones first (a person has at most a few dozen)."""
    return list(ApiToken.objects.filter(user=user).order_by("revoked_at", "-created_at", "-pk")[:100])


def has_verified_email(*, user: Any, address: str) -> bool:
    """Whether `user` has proved they read `address` (a verified allauth e-mail address),
    compared case-insensitively. Invitations by e-mail are for that address only."""
    from allauth.account.models import EmailAddress

    if not getattr(user, "is_authenticated", False):
        return False
    wanted = address.strip().casefold()
    verified = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    # Compared in Python: SQLite's case-insensitive match folds ASCII only.
    return any(email.strip().casefold() == wanted for email in verified)
