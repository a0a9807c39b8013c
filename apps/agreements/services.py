"""Every change to cooperation agreements: create (draft version 1 from the template), change
the draft, new versions, open for signing, sign. Keyword-only; each checks permission, writes in
one transaction (the agreement's row locked), records power and decisions in the audit log and
tells the people concerned. Errors are `ValidationError`s with a code, or `PermissionDenied`.

A signed agreement changes by no route: `AgreementSigned` is raised here before anything else,
and again by the models below every route (see apps.agreements.models)."""

import logging
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.agreements.canonical import canonical_text, clean_hash
from apps.agreements.models import TEXT_MAX, Agreement, AgreementSigned, AgreementVersion, Party, Signature
from apps.agreements.pdf import agreement_pdf
from apps.agreements.sections import Draft, draft_text
from apps.audit.services import audit_record
from apps.core.permissions import require
from apps.hubs.models import ApplicationStatus, Hub, Partnership
from apps.hubs.selectors import hub_leads
from apps.initiatives.models import Initiative
from apps.notifications.services import notify
from apps.organisations.models import Organisation, Representative
from apps.processes.models import Deliverable
from apps.processes.selectors import establishment_run
from apps.processes.services import deliverable_complete

logger = logging.getLogger(__name__)

ESTABLISHMENT_DELIVERABLE = "cooperation-agreement"
MAX_YEARS = 20


def _error(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def _clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise _error("title", _("Give the agreement a title."), "required")
    if len(title) > 200:
        raise _error("title", _("The title can be at most 200 characters long."), "max_length")
    return title


def _clean_period(starts_on: date | None, ends_on: date | None) -> tuple[date, date]:
    if starts_on is None:
        raise _error("starts_on", _("Give the first day of the period."), "required")
    if ends_on is None:
        raise _error("ends_on", _("Give the last day of the period."), "required")
    if ends_on < starts_on:
        raise _error("ends_on", _("The period must end on or after the day it starts."), "period")
    if (ends_on - starts_on).days > 366 * MAX_YEARS:
        raise _error(
            "ends_on", _("The period can be at most %(years)d years long.") % {"years": MAX_YEARS}, "period"
        )
    return starts_on, ends_on


def _partnerships(hub: Hub, organisations: list[Organisation]) -> list[Partnership]:
    """The approved partnerships of the chosen organisations, or a clear error."""
    wanted = {o.pk for o in organisations}
    if not wanted:
        raise _error("organisations", _("Choose at least one partner organisation as a party."), "required")
    found = list(
        Partnership.objects.filter(hub=hub, status=ApplicationStatus.APPROVED, organisation_id__in=wanted)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    if len(found) != len(wanted):
        raise _error(
            "organisations",
            _("Only approved partner organisations of the hub can be parties."),
            "not_partner",
        )
    return found


def _clean_text(text: str) -> str:
    text = canonical_text(text)
    if not text.strip():
        raise _error("text", _("Write the text of the agreement."), "required")
    if len(text) > TEXT_MAX:
        raise _error(
            "text", _("The text can be at most %(max)d characters long.") % {"max": TEXT_MAX}, "max_length"
        )
    return text


def _lock(agreement: Agreement) -> Agreement:
    return Agreement.objects.select_for_update().select_related("hub").get(pk=agreement.pk)


def _representatives(agreement: Agreement) -> list[Any]:
    """Everyone who represents a party: whom signing concerns."""
    return list(
        User.objects.filter(representative__organisation__agreement_parties__agreement=agreement)
        .distinct()
        .order_by("pk")
    )


@transaction.atomic
def agreement_create(
    *,
    hub: Hub,
    actor: Any,
    title: str,
    starts_on: date | None,
    ends_on: date | None,
    organisations: list[Organisation],
    initiative: Initiative | None = None,
) -> Agreement:
    """A new agreement between approved partners of the hub, with draft version 1 written from
    the template and the hub's live data (apps.agreements.sections)."""
    require(actor, "agreements.add_agreement", hub)
    title = _clean_title(title)
    starts_on, ends_on = _clean_period(starts_on, ends_on)
    if initiative is not None and initiative.hub_id != hub.pk:
        raise _error("initiative", _("Choose an initiative of this hub."), "initiative_hub")
    partnerships = _partnerships(hub, organisations)
    agreement = Agreement.objects.create(
        hub=hub, initiative=initiative, title=title, starts_on=starts_on, ends_on=ends_on, created_by=actor
    )
    Party.objects.bulk_create([Party(agreement=agreement, organisation=p.organisation) for p in partnerships])
    text = draft_text(
        Draft(
            hub=hub,
            title=title,
            starts_on=starts_on,
            ends_on=ends_on,
            partnerships=partnerships,
            initiative=initiative,
        )
    )
    version = AgreementVersion.objects.create(
        agreement=agreement,
        number=1,
        text=canonical_text(text),
        author=actor,
        note=_("Draft from the template"),
    )
    audit_record(
        hub=hub,
        actor=actor,
        action="agreements.version",
        target=agreement,
        label=f"{title} v1",
        data={"number": 1, "sha256": version.sha256},
    )
    return agreement


@transaction.atomic
def agreement_update(
    *,
    agreement: Agreement,
    actor: Any,
    title: str,
    starts_on: date | None,
    ends_on: date | None,
    organisations: list[Organisation],
) -> Agreement:
    """Change the title, the period and the parties while the agreement is drafting."""
    locked = _lock(agreement)
    if locked.is_signed:
        raise AgreementSigned()
    require(actor, "agreements.change_agreement", locked)
    if locked.status != Agreement.Status.DRAFTING:
        raise ValidationError(
            _("The agreement is open for signing: its title, period and parties no longer change."),
            code="not_drafting",
        )
    locked.title = _clean_title(title)
    locked.starts_on, locked.ends_on = _clean_period(starts_on, ends_on)
    partnerships = _partnerships(locked.hub, organisations)
    wanted = {p.organisation_id for p in partnerships}
    before = set(locked.parties.values_list("organisation_id", flat=True))
    locked.parties.exclude(organisation_id__in=wanted).delete()
    Party.objects.bulk_create([Party(agreement=locked, organisation_id=pk) for pk in sorted(wanted - before)])
    locked.save()
    if before != wanted:
        audit_record(
            hub=locked.hub,
            actor=actor,
            action="agreements.parties",
            target=locked,
            data={"before": sorted(before), "after": sorted(wanted)},
        )
    return locked


@transaction.atomic
def version_create(
    *, agreement: Agreement, actor: Any, text: str, note: str = "", based_on: int | None = None
) -> AgreementVersion:
    """Save a new version while drafting or signing. Signatures on earlier versions stay
    recorded against their version but no longer count: every party signs the new one."""
    locked = _lock(agreement)
    if locked.is_signed:
        raise AgreementSigned()
    require(actor, "agreements.change_agreement", locked)
    text = _clean_text(text)
    latest = locked.versions.order_by("-number").first()
    if based_on is not None and latest is not None and latest.number != based_on:
        raise ValidationError(
            _("Someone saved version %(number)d while you were writing. Start from the latest version.")
            % {"number": latest.number},
            code="stale",
        )
    if latest is not None and latest.text == text:
        raise _error("text", _("Nothing has changed since the latest version."), "unchanged")
    number = (locked.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = AgreementVersion.objects.create(
        agreement=locked, number=number, text=text, author=actor, note=" ".join((note or "").split())[:300]
    )
    locked.save(update_fields=["updated_at"])
    audit_record(
        hub=locked.hub,
        actor=actor,
        action="agreements.version",
        target=locked,
        label=f"{locked.title} v{number}",
        data={"number": number, "sha256": version.sha256},
    )
    if locked.status == Agreement.Status.SIGNING:
        _tell_ready(locked, version)
    return version


def _tell_ready(agreement: Agreement, version: AgreementVersion) -> None:
    notify(
        _representatives(agreement),
        template="agreements/email/ready_to_sign.txt",
        context={"agreement": agreement, "version": version, "hub": agreement.hub},
        url=f"/{agreement.hub.slug}/agreements/{agreement.pk}/sign/",
        hub=agreement.hub,
        kind="agreement",
    )


@transaction.atomic
def agreement_open_for_signing(*, agreement: Agreement, actor: Any) -> Agreement:
    """Drafting → signing: the parties' representatives are told the latest version is ready."""
    locked = _lock(agreement)
    if locked.is_signed:
        raise AgreementSigned()
    require(actor, "agreements.change_agreement", locked)
    if locked.status != Agreement.Status.DRAFTING:
        raise ValidationError(_("The agreement is already open for signing."), code="not_drafting")
    locked.status = Agreement.Status.SIGNING
    locked.save()
    latest = locked.versions.order_by("-number").first()
    audit_record(
        hub=locked.hub,
        actor=actor,
        action="agreements.open",
        target=locked,
        data={"number": latest.number if latest else None},
    )
    if latest is not None:
        _tell_ready(locked, latest)
    agreement.status = locked.status
    return locked


def signable_organisations(*, agreement: Agreement, user: Any) -> list[Organisation]:
    """The parties `user` represents that have not signed the latest version yet."""
    if not getattr(user, "is_authenticated", False) or agreement.status != Agreement.Status.SIGNING:
        return []
    latest = agreement.versions.order_by("-number").first()
    return list(
        Organisation.objects.filter(
            agreement_parties__agreement=agreement,
            representative__user_id=user.pk,
            partnerships__hub_id=agreement.hub_id,
            partnerships__status=ApplicationStatus.APPROVED,
        )
        .exclude(agreement_signatures__version=latest)
        .distinct()
        .order_by("name")
    )


def agreement_sign(
    *, agreement: Agreement, actor: Any, organisation: Organisation, number: int, sha256: str
) -> Signature:
    """`actor` signs version `number` — whose hash they were shown, `sha256` — for
    `organisation`. Refused for an outdated version, a hash that does not match, an
    organisation they do not represent or that is not a party. The agreement's row is locked,
    so signatures at the same moment are all kept; the last one makes the agreement signed."""
    try:
        with transaction.atomic():
            return _sign(
                agreement=agreement, actor=actor, organisation=organisation, number=number, sha256=sha256
            )
    except IntegrityError as exc:
        # Two representatives of one organisation at once: the unique constraint keeps one.
        raise ValidationError(
            _("%(name)s has already signed this version.") % {"name": organisation.name}, code="duplicate"
        ) from exc


def _sign(
    *, agreement: Agreement, actor: Any, organisation: Organisation, number: int, sha256: str
) -> Signature:
    locked = _lock(agreement)
    if locked.is_signed:
        raise AgreementSigned()
    is_party = locked.parties.filter(organisation_id=organisation.pk).exists()
    represents = Representative.objects.filter(organisation_id=organisation.pk, user_id=actor.pk).exists()
    is_partner = Partnership.objects.filter(
        hub_id=locked.hub_id, organisation_id=organisation.pk, status=ApplicationStatus.APPROVED
    ).exists()
    if not is_party:
        raise PermissionDenied(_("%(name)s is not a party to this agreement.") % {"name": organisation.name})
    if not represents:
        raise PermissionDenied(_("You do not represent %(name)s.") % {"name": organisation.name})
    if not is_partner:
        raise PermissionDenied(
            _("%(name)s is no longer an approved partner of the hub.") % {"name": organisation.name}
        )
    if locked.status != Agreement.Status.SIGNING:
        raise ValidationError(_("The agreement is not open for signing yet."), code="not_signing")
    latest = locked.versions.order_by("-number").first()
    if latest is None or number != latest.number:
        raise ValidationError(
            _(
                "You are signing version %(number)s, but version %(latest)s is the latest. "
                "Read the latest version and sign that one."
            )
            % {"number": number, "latest": latest.number if latest else "–"},
            code="outdated",
        )
    if clean_hash(sha256) != latest.sha256:
        raise ValidationError(
            _(
                "The text you were shown does not match version %(number)d (its SHA-256 differs). "
                "Reload the page and read the text again before signing."
            )
            % {"number": latest.number},
            code="hash_mismatch",
        )
    if Signature.objects.filter(version=latest, organisation_id=organisation.pk).exists():
        raise ValidationError(
            _("%(name)s has already signed this version.") % {"name": organisation.name}, code="duplicate"
        )
    now = timezone.now()
    signature = Signature.objects.create(
        agreement=locked,
        version=latest,
        organisation=organisation,
        organisation_name=organisation.name,
        representative=actor,
        representative_name=actor.display_name,
        sha256=latest.sha256,
        signed_at=now,
    )
    audit_record(
        hub=locked.hub,
        actor=actor,
        action="agreements.sign",
        target=locked,
        label=f"{locked.title} v{latest.number}: {organisation.name}",
        data={"number": latest.number, "organisation": organisation.pk, "sha256": latest.sha256},
    )
    parties = set(locked.parties.values_list("organisation_id", flat=True))
    signed = set(Signature.objects.filter(version=latest).values_list("organisation_id", flat=True))
    if parties <= signed:
        _complete(locked, latest, actor, now)
    agreement.status = locked.status
    return signature


def _complete(agreement: Agreement, version: AgreementVersion, actor: Any, now: Any) -> None:
    """Every party has signed `version`: the agreement is signed and changes no more."""
    agreement.status = Agreement.Status.SIGNED
    agreement.signed_at = now
    agreement.signed_version = version
    agreement.save()
    audit_record(
        hub=agreement.hub,
        actor=actor,
        action="agreements.signed",
        target=agreement,
        label=f"{agreement.title} v{version.number}",
        data={"number": version.number, "sha256": version.sha256},
    )
    people = {u.pk: u for u in [*_representatives(agreement), *hub_leads(agreement.hub)]}
    notify(
        list(people.values()),
        template="agreements/email/signed.txt",
        context={"agreement": agreement, "version": version, "hub": agreement.hub},
        url=agreement.get_absolute_url(),
        hub=agreement.hub,
        kind="agreement",
    )
    if agreement.initiative_id is None:
        _fulfil_establishment(agreement, version, actor)


def _fulfil_establishment(agreement: Agreement, version: AgreementVersion, actor: Any) -> None:
    """The hub's running establishment process gets its "signed cooperation agreement"
    deliverable done: the agreement linked, its PDF as the document.

    processes' service asks for someone who may work on the run. The last signer usually
    represents a partner and may not, so the deliverable is completed in the name of the
    first who may: the signer, the agreement's author, then the hub's leads."""
    run = establishment_run(hub=agreement.hub)
    if run is None:
        return
    deliverable = (
        Deliverable.objects.filter(phase_run__run=run, key=ESTABLISHMENT_DELIVERABLE, done=False)
        .select_related("phase_run", "phase_run__run", "phase_run__run__hub")
        .first()
    )
    if deliverable is None:
        return
    candidates = [actor, agreement.created_by, *hub_leads(agreement.hub)]
    doer = next(
        (u for u in candidates if u is not None and u.has_perm("processes.work_on_run", deliverable)), None
    )
    if doer is None:
        logger.warning("No one may complete the establishment deliverable of hub %s", agreement.hub_id)
        return
    signatures = list(Signature.objects.filter(version=version).order_by("signed_at", "pk"))
    parties = list(agreement.parties.select_related("organisation"))
    pdf = SimpleUploadedFile(
        f"agreement-{agreement.pk}-v{version.number}.pdf",
        agreement_pdf(agreement=agreement, version=version, signatures=signatures, parties=parties),
        content_type="application/pdf",
    )
    try:
        with transaction.atomic():
            deliverable_complete(
                deliverable=deliverable,
                actor=doer,
                file=pdf,
                linked_object=agreement,
                note=_("Signed by every party: %(title)s, version %(number)d (SHA-256 %(sha)s).")
                % {"title": agreement.title, "number": version.number, "sha": version.sha256},
            )
    except (ValidationError, PermissionDenied) as exc:
        # A closed phase, say: the agreement is signed all the same; the stewards can attach it.
        logger.warning("Establishment deliverable not completed for hub %s: %s", agreement.hub_id, exc)
