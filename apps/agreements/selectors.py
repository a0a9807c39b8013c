"""Reads for agreement pages and the API, each in a fixed number of queries."""

from typing import Any

from django.db.models import Count, F, Max, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from apps.agreements.canonical import clean_hash, sha256_of
from apps.agreements.models import Agreement, AgreementVersion, Party, Signature
from apps.hubs.models import Hub
from apps.hubs.rules import is_member


def _signatures() -> QuerySet[Signature]:
    return Signature.objects.select_related("version").order_by("signed_at", "pk")


def _parties() -> QuerySet[Party]:
    return Party.objects.select_related("organisation").order_by("organisation__name", "pk")


def agreements(*, hub: Hub, user: Any) -> QuerySet[Agreement]:
    """The hub's agreements this person may see (signed ones for everyone; drafts for the hub's
    members and leads and the parties' representatives), with their latest version number and
    parties: two queries."""
    qs = Agreement.objects.filter(hub=hub)
    if not (getattr(user, "is_superuser", False) or is_member(user, hub)):
        visible = Q(status=Agreement.Status.SIGNED)
        if getattr(user, "is_authenticated", False):
            visible |= Q(parties__organisation__representative__user_id=user.pk)
        qs = qs.filter(pk__in=Agreement.objects.filter(visible).values("pk"))
    return (
        qs.select_related("hub", "initiative")
        .annotate(latest_number=Max("versions__number"), party_count=Count("parties", distinct=True))
        .prefetch_related(Prefetch("parties", queryset=_parties()))
        .order_by("-updated_at", "-pk")
    )


def agreement_get(*, hub: Hub, pk: int) -> Agreement:
    """An agreement of this hub with its versions (newest first), parties and every signature,
    or 404."""
    versions = AgreementVersion.objects.select_related("author").order_by("-number")
    return get_object_or_404(
        Agreement.objects.select_related(
            "hub", "initiative", "created_by", "signed_version"
        ).prefetch_related(
            Prefetch("versions", queryset=versions),
            Prefetch("parties", queryset=_parties()),
            Prefetch("signatures", queryset=_signatures()),
        ),
        hub=hub,
        pk=pk,
    )


def latest_version(agreement: Agreement) -> AgreementVersion | None:
    """The newest version (from the prefetched versions)."""
    return next(iter(agreement.versions.all()), None)


def version_of(agreement: Agreement, number: int) -> AgreementVersion:
    for version in agreement.versions.all():
        if version.number == number:
            return version
    raise Http404


def previous_of(agreement: Agreement, version: AgreementVersion) -> AgreementVersion | None:
    earlier = [v for v in agreement.versions.all() if v.number < version.number]
    return earlier[0] if earlier else None


def party_status(agreement: Agreement) -> list[dict[str, Any]]:
    """Each party with its signature on the latest version (or None) and its newest signature on
    an earlier version, from the prefetched rows."""
    latest = latest_version(agreement)
    rows = []
    for party in agreement.parties.all():
        mine = [s for s in agreement.signatures.all() if s.organisation_id == party.organisation_id]
        current = next((s for s in mine if latest and s.version_id == latest.pk), None)
        earlier = [s for s in mine if s is not current]
        rows.append(
            {
                "party": party,
                "organisation": party.organisation,
                "signature": current,
                "earlier": earlier[-1] if earlier else None,
            }
        )
    return rows


def signatures_of(agreement: Agreement, version: AgreementVersion) -> list[Signature]:
    return [s for s in agreement.signatures.all() if s.version_id == version.pk]


def signatures(*, agreement: Agreement) -> QuerySet[Signature]:
    """Every signature of an agreement, on any version (the API)."""
    return Signature.objects.filter(agreement=agreement).select_related("version").order_by("signed_at", "pk")


def agreements_of_organisation(*, organisation: Any) -> list[Agreement]:
    """The signed agreements an organisation is a party to (its public page)."""
    return list(
        Agreement.objects.filter(status=Agreement.Status.SIGNED, parties__organisation=organisation)
        .select_related("hub")
        .order_by("-signed_at", "-pk")[:20]
    )


def verify(
    *, hub: Hub, text: str | None = None, sha256: str | None = None
) -> tuple[str | None, list[AgreementVersion]]:
    """The hash of `text` (canonical) or the cleaned `sha256`, and the versions of this hub's
    signed agreements that all parties signed with that hash (with agreement and signatures)."""
    digest = sha256_of(text) if text is not None else clean_hash(sha256 or "")
    if digest is None:
        return None, []
    found = list(
        AgreementVersion.objects.filter(
            agreement__hub=hub,
            agreement__status=Agreement.Status.SIGNED,
            agreement__signed_version_id=F("pk"),
            sha256=digest,
        )
        .select_related("agreement", "agreement__hub")
        .prefetch_related(Prefetch("signatures", queryset=Signature.objects.order_by("signed_at", "pk")))
        .order_by("-agreement__signed_at")
    )
    return digest, found
