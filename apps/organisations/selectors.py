"""Reads about organisations."""

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from apps.organisations.models import Organisation, Representative


def organisation_get(*, slug: str) -> Organisation:
    return get_object_or_404(
        Organisation.objects.prefetch_related(
            Prefetch(
                "representative_set",
                queryset=Representative.objects.select_related("user", "user__profile").order_by(
                    "created_at"
                ),
            ),
        ),
        slug=slug,
    )


def organisation_list() -> QuerySet[Organisation]:
    return Organisation.objects.order_by("name")


def organisations_of(*, user: Any) -> QuerySet[Organisation]:
    """The organisations a person represents (their own page)."""
    return Organisation.objects.filter(representative__user=user).order_by("name")
