"""Reads about people."""

from typing import Any

from django.db.models import Count, QuerySet

from apps.accounts.models import Competence
from apps.hubs.models import Membership
from apps.organisations.models import Organisation


def memberships_of(*, user: Any) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("hub").order_by("hub__name")


def organisations_of(*, user: Any) -> QuerySet[Organisation]:
    return Organisation.objects.filter(representative__user=user).order_by("name")


def competences_with_counts() -> QuerySet[Competence]:
    return Competence.objects.annotate(profile_count=Count("profiles")).order_by("slug")
