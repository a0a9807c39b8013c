"""Reads about people."""

from typing import Any

from django.db.models import Count, QuerySet

from apps.accounts.models import ApiToken, Competence


def competences_with_counts() -> QuerySet[Competence]:
    return Competence.objects.annotate(profile_count=Count("profiles")).order_by("slug")


def api_tokens(*, user: Any) -> list[ApiToken]:
    """A person's tokens, active ones first (a person has at most a few dozen)."""
    return list(ApiToken.objects.filter(user=user).order_by("revoked_at", "-created_at", "-pk")[:100])
