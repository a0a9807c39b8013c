"""Reads about organisations."""

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from apps.hubs.models import ApplicationStatus, Partnership
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
            Prefetch(
                "partnerships",
                queryset=Partnership.objects.filter(status=ApplicationStatus.APPROVED).select_related("hub"),
                to_attr="approved_partnerships",
            ),
        ),
        slug=slug,
    )


def organisation_list() -> QuerySet[Organisation]:
    return Organisation.objects.order_by("name")
