"""Reads about people."""

from django.db.models import Count, QuerySet

from apps.accounts.models import Competence


def competences_with_counts() -> QuerySet[Competence]:
    return Competence.objects.annotate(profile_count=Count("profiles")).order_by("slug")
