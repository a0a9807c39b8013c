"""Reads for vision pages, the initiative panel and the API, each in a fixed number of queries."""

from typing import Any

from django.db.models import Count, Max, OuterRef, Prefetch, QuerySet, Subquery
from django.shortcuts import get_object_or_404

from apps.hubs.models import Hub
from apps.participation.spaces import Space
from apps.visions.models import Endorsement, VersionComment, Vision, VisionVersion


def _endorsements() -> QuerySet[Endorsement]:
    return Endorsement.objects.select_related("organisation", "representative").order_by("created", "pk")


def visions(*, hub: Hub, space: Space | None = None) -> QuerySet[Vision]:
    """Visions of a hub (or of one space) with their latest version number and how many
    organisations endorsed any version."""
    qs = Vision.objects.filter(hub=hub) if space is None else Vision.objects.filter(**space.filter())
    return (
        qs.select_related("hub", "initiative", "area")
        .annotate(
            latest_number=Max("versions__number"),
            endorsing_count=Count("versions__endorsements__organisation", distinct=True),
        )
        .order_by("-updated_at", "-pk")
    )


def vision_get(*, hub: Hub, pk: int) -> Vision:
    """A vision of this hub with all its versions (newest first, without their texts' comments)
    and every endorsement, or 404."""
    versions = (
        VisionVersion.objects.select_related("author")
        .annotate(endorsement_count=Count("endorsements"))
        .order_by("-number")
    )
    return get_object_or_404(
        Vision.objects.select_related("hub", "initiative", "area", "created_by").prefetch_related(
            Prefetch("versions", queryset=versions),
            Prefetch("versions__endorsements", queryset=_endorsements()),
            "coauthors",
        ),
        hub=hub,
        pk=pk,
    )


def endorsing_organisations(vision: Vision) -> list[dict[str, Any]]:
    """Each organisation that endorsed the vision, with the newest version it endorsed (from the
    prefetched versions)."""
    seen: dict[int, dict[str, Any]] = {}
    for version in vision.versions.all():  # newest first
        for endorsement in version.endorsements.all():
            seen.setdefault(
                endorsement.organisation_id,
                {"organisation": endorsement.organisation, "version": version, "endorsement": endorsement},
            )
    return sorted(seen.values(), key=lambda row: row["organisation"].name)


def version_get(*, vision: Vision, number: int) -> VisionVersion:
    return get_object_or_404(
        VisionVersion.objects.select_related("author").prefetch_related(
            Prefetch("endorsements", queryset=_endorsements()),
            Prefetch("comments", queryset=VersionComment.objects.select_related("author")),
        ),
        vision=vision,
        number=number,
    )


def previous_version(version: VisionVersion) -> VisionVersion | None:
    return (
        VisionVersion.objects.filter(vision_id=version.vision_id, number__lt=version.number)
        .order_by("-number")
        .first()
    )


def latest_for_space(*, space: Space) -> Vision | None:
    """The space's most recently changed vision, with its latest version and that version's
    endorsements (for the initiative panel): three queries."""
    latest = VisionVersion.objects.filter(vision=OuterRef("pk")).order_by("-number").values("pk")[:1]
    vision = (
        Vision.objects.filter(**space.filter())
        .annotate(latest_pk=Subquery(latest))
        .order_by("-updated_at", "-pk")
        .first()
    )
    if vision is None:
        return None
    version = (
        VisionVersion.objects.filter(pk=vision.latest_pk)  # type: ignore[attr-defined]
        .select_related("author")
        .prefetch_related(Prefetch("endorsements", queryset=_endorsements()))
        .first()
    )
    vision.latest_version = version  # type: ignore[attr-defined]
    return vision
