"""Signatures at the same moment: none is lost, and the last one locks the agreement (the
agreement's row is locked while a signature is counted)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from apps.accounts.models import User
from apps.agreements import services
from apps.agreements.models import Agreement, Signature
from apps.organisations.models import Organisation
from tests.factories import (
    HubFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    RepresentativeFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

PARTIES = 6


def _run(threads, target):
    barrier = threading.Barrier(threads, timeout=30)
    outcomes: list = [None] * threads

    def run(index: int) -> None:
        try:
            barrier.wait()
            outcomes[index] = target(index)
        except BaseException as exc:  # noqa: BLE001
            outcomes[index] = exc
        finally:
            connection.close()

    workers = [threading.Thread(target=run, args=(i,)) for i in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=60)
    return outcomes


def _agreement(organisations):
    hub = HubFactory(slug="oslo")
    steward = MembershipFactory(hub=hub, is_steward=True).user
    for organisation in organisations:
        PartnershipFactory(hub=hub, organisation=organisation)
    import datetime

    agreement = services.agreement_create(
        hub=hub,
        actor=steward,
        title="Avtale",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 12, 31),
        organisations=organisations,
    )
    services.agreement_open_for_signing(agreement=agreement, actor=steward)
    return agreement


def test_every_party_signing_at_once_signs_the_agreement():
    organisations = [OrganisationFactory() for _ in range(PARTIES)]
    agreement = _agreement(organisations)
    reps = [RepresentativeFactory(organisation=o).user for o in organisations]
    version = agreement.versions.get()

    def sign(index: int):
        return services.agreement_sign(
            agreement=Agreement.objects.get(pk=agreement.pk),
            actor=User.objects.get(pk=reps[index].pk),
            organisation=Organisation.objects.get(pk=organisations[index].pk),
            number=version.number,
            sha256=version.sha256,
        )

    outcomes = _run(PARTIES, sign)
    assert all(isinstance(o, Signature) for o in outcomes), outcomes
    assert Signature.objects.filter(version=version).count() == PARTIES
    agreement.refresh_from_db()
    assert agreement.is_signed and agreement.signed_version_id == version.pk


def test_two_representatives_of_one_party_make_one_signature():
    organisation = OrganisationFactory()
    agreement = _agreement([organisation, OrganisationFactory()])
    reps = [RepresentativeFactory(organisation=organisation).user for _ in range(4)]
    version = agreement.versions.get()

    def sign(index: int):
        return services.agreement_sign(
            agreement=Agreement.objects.get(pk=agreement.pk),
            actor=User.objects.get(pk=reps[index].pk),
            organisation=Organisation.objects.get(pk=organisation.pk),
            number=version.number,
            sha256=version.sha256,
        )

    outcomes = _run(4, sign)
    wins = [o for o in outcomes if isinstance(o, Signature)]
    losses = [o for o in outcomes if not isinstance(o, Signature)]
    assert len(wins) == 1, outcomes
    assert all(isinstance(o, ValidationError) and o.code == "duplicate" for o in losses), losses
    assert Signature.objects.count() == 1
