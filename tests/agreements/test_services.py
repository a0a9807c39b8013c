"""Agreements through their services: the draft from the template, versions, signing and what
it refuses, the last signature locking the agreement, the establishment deliverable."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import override

from apps.agreements import services
from apps.agreements.canonical import sha256_of
from apps.agreements.models import Agreement, AgreementSigned, Signature
from apps.agreements.sections import SECTIONS, replace_section
from apps.notifications.models import Notification
from apps.visions.models import Vision, VisionVersion
from tests.agreements.conftest import END, START, latest, make_agreement, sign
from tests.factories import OrganisationFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


# Creating: version 1 from the template -----------------------------------------------------


def test_new_agreement_is_a_draft_version_1_with_the_six_sections(agreement, acme, bylab):
    version = latest(agreement)
    assert agreement.status == Agreement.Status.DRAFTING
    assert version.number == 1
    assert [p.organisation for p in agreement.parties.order_by("organisation__name")] == [acme, bylab]
    assert [s.key for s in SECTIONS] == [
        "vision",
        "organisation",
        "leadership",
        "roles",
        "results",
        "financing",
    ]
    with override(agreement.hub.languages[0]):
        for number, section in enumerate(SECTIONS, start=1):
            assert f"## {number}. {section.heading}" in version.text
    assert version.sha256 == sha256_of(version.text)
    assert version.text.endswith("\n") and "\r" not in version.text


def test_draft_pulls_partners_contributions_and_offices(oslo, stella, nora, bob, acme, petra, bylab):
    agreement = make_agreement(oslo, stella, [acme, bylab])
    text = latest(agreement).text
    assert "**Bylab Oslo:** Two planners, 10 hours a week." in text
    assert "Acme Byutvikling" in text
    assert "Nora Lead" in text and "Stella Steward" in text and "Bob Board" in text


def test_draft_pulls_the_adopted_vision(oslo, stella, acme, petra):
    vision = Vision.objects.create(hub=oslo, title="Felles målbilde", status=Vision.Status.ADOPTED)
    VisionVersion.objects.create(vision=vision, number=1, text="## Mål\n\nEn grønn by.")
    text = latest(make_agreement(oslo, stella, [acme])).text
    assert "Felles målbilde" in text and "En grønn by." in text
    assert "### Mål" in text  # the vision's headings sit under the section's


def test_a_section_can_be_replaced_by_a_better_source(oslo, stella, acme, petra):
    original = list(SECTIONS)
    try:
        replace_section("financing", lambda draft: "Budsjett: 100 000 kr")
        text = latest(make_agreement(oslo, stella, [acme])).text
    finally:
        SECTIONS[:] = original
    assert "\n\nBudsjett: 100 000 kr\n" in text
    with pytest.raises(KeyError):
        replace_section("nothing", lambda draft: "")


@pytest.mark.parametrize(
    ("kwargs", "field", "code"),
    [
        ({"title": "  "}, "title", "required"),
        ({"ends_on": START - datetime.timedelta(days=1)}, "ends_on", "period"),
        ({"ends_on": None}, "ends_on", "required"),
        ({"ends_on": START.replace(year=START.year + 30)}, "ends_on", "period"),
        ({"organisations": []}, "organisations", "required"),
    ],
)
def test_create_refuses_bad_input_and_saves_nothing(oslo, stella, acme, petra, kwargs, field, code):
    data = {"title": "Avtale", "starts_on": START, "ends_on": END, "organisations": [acme]} | kwargs
    with pytest.raises(ValidationError) as exc:
        services.agreement_create(hub=oslo, actor=stella, **data)
    assert exc.value.error_dict[field][0].code == code
    assert not Agreement.objects.exists()


def test_parties_must_be_approved_partners_of_this_hub(oslo, stella, acme, petra, sara):
    pending = OrganisationFactory(name="Pending")
    PartnershipFactory(hub=oslo, organisation=pending, status="pending")
    other_hubs = sara.organisations.get()
    for organisation in (pending, other_hubs, OrganisationFactory(name="Stranger")):
        with pytest.raises(ValidationError) as exc:
            make_agreement(oslo, stella, [acme, organisation])
        assert exc.value.error_dict["organisations"][0].code == "not_partner"
    assert not Agreement.objects.exists()


def test_only_hub_leads_create(oslo, nora, bob, mia, petra, sven, acme):
    make_agreement(oslo, nora, [acme])
    for user in (bob, mia, petra, sven):
        with pytest.raises(PermissionDenied):
            make_agreement(oslo, user, [acme])


def test_update_changes_parties_while_drafting_only(agreement, stella, acme, bylab, nabo):
    services.agreement_update(
        agreement=agreement,
        actor=stella,
        title="Ny tittel",
        starts_on=START,
        ends_on=END,
        organisations=[acme, nabo],
    )
    agreement.refresh_from_db()
    assert agreement.title == "Ny tittel"
    assert {p.organisation for p in agreement.parties.all()} == {acme, nabo}
    services.agreement_open_for_signing(agreement=agreement, actor=stella)
    with pytest.raises(ValidationError) as exc:
        services.agreement_update(
            agreement=agreement, actor=stella, title="X", starts_on=START, ends_on=END, organisations=[acme]
        )
    assert exc.value.code == "not_drafting"


# Versions --------------------------------------------------------------------------------


def test_new_version_is_canonical_and_numbered(agreement, stella):
    version = services.version_create(
        agreement=agreement, actor=stella, text="Ny tekst  \r\n\r\n", based_on=1
    )
    assert (version.number, version.text) == (2, "Ny tekst\n")
    assert version.sha256 == sha256_of("Ny tekst")


def test_version_refuses_stale_unchanged_and_empty(agreement, stella):
    services.version_create(agreement=agreement, actor=stella, text="To", based_on=1)
    with pytest.raises(ValidationError) as exc:
        services.version_create(agreement=agreement, actor=stella, text="Tre", based_on=1)
    assert exc.value.code == "stale"
    with pytest.raises(ValidationError) as exc:
        services.version_create(agreement=agreement, actor=stella, text="To \n", based_on=2)
    assert exc.value.error_dict["text"][0].code == "unchanged"
    with pytest.raises(ValidationError) as exc:
        services.version_create(agreement=agreement, actor=stella, text=" \n ", based_on=2)
    assert exc.value.error_dict["text"][0].code == "required"
    assert agreement.versions.count() == 2


def test_only_hub_leads_write_versions(agreement, bob, mia, petra, sven):
    for user in (bob, mia, petra, sven):
        with pytest.raises(PermissionDenied):
            services.version_create(agreement=agreement, actor=user, text="Endret")


# Signing ---------------------------------------------------------------------------------


def test_opening_for_signing_tells_the_representatives(agreement, stella, petra, ola, nils):
    mail.outbox.clear()
    services.agreement_open_for_signing(agreement=agreement, actor=stella)
    told = set(Notification.objects.filter(kind="agreement").values_list("recipient__email", flat=True))
    assert told == {"petra@example.org", "ola@example.org"}


def test_signature_records_who_for_which_organisation_when_and_the_hash(signing, petra, acme, clock):
    signature = sign(signing, petra, acme)
    version = latest(signing)
    assert signature.organisation_name == "Acme Byutvikling"
    assert signature.representative_name == "Petra Partner"
    assert signature.sha256 == version.sha256 and signature.version == version
    assert signature.signed_at is not None
    signing.refresh_from_db()
    assert signing.status == Agreement.Status.SIGNING


def test_the_last_signature_locks_the_agreement(signing, petra, acme, ola, bylab, stella):
    sign(signing, petra, acme)
    sign(signing, ola, bylab)
    signing.refresh_from_db()
    assert signing.is_signed and signing.signed_version == latest(signing) and signing.signed_at
    told = set(
        Notification.objects.filter(kind="agreement", title__icontains="Signed").values_list(
            "recipient__email", flat=True
        )
    )
    assert {"petra@example.org", "ola@example.org", "stella@example.org"} <= told


def test_signing_an_outdated_version_is_refused(signing, stella, petra, acme):
    old = latest(signing)
    services.version_create(agreement=signing, actor=stella, text="Endret tekst")
    with pytest.raises(ValidationError) as exc:
        sign(signing, petra, acme, version=old)
    assert exc.value.code == "outdated"
    assert "version 2 is the latest" in exc.value.messages[0]
    assert not Signature.objects.exists()


def test_a_hash_that_does_not_match_is_refused(signing, petra, acme):
    version = latest(signing)
    with pytest.raises(ValidationError) as exc:
        services.agreement_sign(
            agreement=signing,
            actor=petra,
            organisation=acme,
            number=version.number,
            sha256=sha256_of("annet"),
        )
    assert exc.value.code == "hash_mismatch"
    assert not Signature.objects.exists()


def test_signing_for_an_organisation_one_does_not_represent_is_refused(signing, petra, bylab):
    with pytest.raises(PermissionDenied, match="do not represent"):
        sign(signing, petra, bylab)


def test_signing_for_a_non_party_is_refused(signing, nils, nabo):
    with pytest.raises(PermissionDenied, match="not a party"):
        sign(signing, nils, nabo)


def test_another_hubs_representative_cannot_sign(signing, sara):
    with pytest.raises(PermissionDenied):
        sign(signing, sara, sara.organisations.get())


def test_signing_while_drafting_is_refused(agreement, petra, acme):
    with pytest.raises(ValidationError) as exc:
        sign(agreement, petra, acme)
    assert exc.value.code == "not_signing"


def test_signing_twice_is_refused(signing, petra, acme):
    sign(signing, petra, acme)
    with pytest.raises(ValidationError) as exc:
        sign(signing, petra, acme)
    assert exc.value.code == "duplicate"


def test_a_new_version_invalidates_earlier_signatures_which_stay_recorded(
    signing, stella, petra, acme, ola, bylab
):
    first = sign(signing, petra, acme)
    services.version_create(agreement=signing, actor=stella, text="Versjon 2")
    sign(signing, ola, bylab)
    signing.refresh_from_db()
    assert signing.status == Agreement.Status.SIGNING  # acme signed only version 1
    assert Signature.objects.filter(pk=first.pk, version__number=1).exists()
    sign(signing, petra, acme)
    signing.refresh_from_db()
    assert signing.is_signed and signing.signed_version.number == 2
    assert Signature.objects.count() == 3


def test_an_organisation_no_longer_a_partner_cannot_sign(signing, petra, acme):
    acme.partnerships.update(status="rejected")
    with pytest.raises(PermissionDenied, match="no longer an approved partner"):
        sign(signing, petra, acme)


# The establishment deliverable -----------------------------------------------------------


@pytest.fixture
def establishing(oslo, stella):
    from apps.processes import services as process_services
    from apps.processes.loader import load_templates
    from apps.processes.models import ProcessTemplate

    load_templates()
    template = ProcessTemplate.objects.get(hub__isnull=True, key="new-hub")
    return process_services.process_start(template=template, starts_on=START, actor=stella, hub=oslo)


def test_signing_fulfils_the_establishment_deliverable(establishing, signing, petra, acme, ola, bylab):
    from apps.processes.models import Deliverable

    sign(signing, petra, acme)
    sign(signing, ola, bylab)
    deliverable = Deliverable.objects.get(phase_run__run=establishing, key="cooperation-agreement")
    assert deliverable.done and deliverable.linked_object == Agreement.objects.get(pk=signing.pk)
    assert deliverable.file.name.endswith(".pdf")
    assert latest(signing).sha256 in deliverable.note


def test_an_initiatives_agreement_leaves_the_establishment_alone(establishing, oslo, stella, acme, petra):
    from apps.initiatives.models import Initiative
    from apps.processes.models import Deliverable

    initiative = Initiative.objects.create(hub=oslo, owner=stella, slug="gard", title="Gård", status="active")
    agreement = services.agreement_create(
        hub=oslo,
        actor=stella,
        title="Avtale",
        starts_on=START,
        ends_on=END,
        organisations=[acme],
        initiative=initiative,
    )
    services.agreement_open_for_signing(agreement=agreement, actor=stella)
    sign(agreement, petra, acme)
    agreement.refresh_from_db()
    assert agreement.is_signed
    assert not Deliverable.objects.get(phase_run__run=establishing, key="cooperation-agreement").done


def test_signed_agreement_refuses_every_service(signed, stella, petra, acme):
    with pytest.raises(AgreementSigned):
        services.version_create(agreement=signed, actor=stella, text="Endret")
    with pytest.raises(AgreementSigned):
        services.agreement_update(
            agreement=signed, actor=stella, title="X", starts_on=START, ends_on=END, organisations=[acme]
        )
    with pytest.raises(AgreementSigned):
        services.agreement_open_for_signing(agreement=signed, actor=stella)
    with pytest.raises(AgreementSigned):
        sign(signed, petra, acme)
