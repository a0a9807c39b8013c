"""Partners and commitments: what the services accept, refuse, record and add up."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from apps.audit.models import AuditEntry
from apps.notifications.models import Notification
from apps.partners import selectors, services
from apps.partners.models import Commitment, CommitmentChange, Partner
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def codes(exc: ValidationError) -> set[str]:
    return {e.code for errors in exc.error_dict.values() for e in errors}


# Partners ------------------------------------------------------------------------------


def test_the_team_adds_an_organisation_and_its_representatives_hear_of_it(courtyard, olga, petra, acme):
    partner = services.partner_add(
        actor=olga,
        hub=courtyard.hub,
        initiative=courtyard,
        organisation=acme,
        role="landowner",
        role_text="Gården",
    )
    assert (partner.initiative, partner.organisation, partner.role) == (courtyard, acme, "landowner")
    assert Notification.objects.filter(recipient=petra, kind="partners").count() == 1
    entry = AuditEntry.objects.get(action="partners.partner_add")
    assert (entry.hub, entry.actor, entry.data["role"]) == (courtyard.hub, olga, "landowner")


def test_any_organisation_can_partner_an_initiative_but_only_approved_partners_the_hub(oslo, stella, bjorn):
    byggmester = bjorn.organisations.get()
    with pytest.raises(ValidationError) as exc:
        services.partner_add(actor=stella, hub=oslo, organisation=byggmester)
    assert codes(exc.value) == {"not_partner"}
    assert not Partner.objects.exists()


def test_a_person_partner_must_be_a_member_of_the_hub(courtyard, olga, mia, vic):
    services.partner_add(actor=olga, hub=courtyard.hub, initiative=courtyard, user=mia, role="expertise")
    with pytest.raises(ValidationError) as exc:
        services.partner_add(actor=olga, hub=courtyard.hub, initiative=courtyard, user=vic)
    assert codes(exc.value) == {"not_member"}


def test_the_same_partner_twice_is_refused_with_a_clear_message(courtyard, olga, acme, petra):
    services.partner_add(actor=olga, hub=courtyard.hub, initiative=courtyard, organisation=acme)
    with translation.override("nb"), pytest.raises(ValidationError) as exc:
        services.partner_add(actor=olga, hub=courtyard.hub, initiative=courtyard, organisation=acme)
    assert codes(exc.value) == {"unique"}
    assert Partner.objects.count() == 1


def test_the_same_organisation_may_partner_the_hub_and_several_initiatives(
    oslo, stella, courtyard, olga, acme, petra
):
    services.partner_add(actor=stella, hub=oslo, organisation=acme)
    services.partner_add(actor=olga, hub=oslo, initiative=courtyard, organisation=acme)
    assert Partner.objects.filter(organisation=acme).count() == 2


def test_neither_or_both_an_organisation_and_a_person_is_refused(courtyard, olga, acme, mia):
    for kwargs in ({}, {"organisation": acme, "user": mia}):
        with pytest.raises(ValidationError):
            services.partner_add(actor=olga, hub=courtyard.hub, initiative=courtyard, **kwargs)


def test_another_hubs_steward_cannot_add_partners(courtyard, sven, acme):
    with pytest.raises(PermissionDenied):
        services.partner_add(actor=sven, hub=courtyard.hub, initiative=courtyard, organisation=acme)


def test_a_partner_with_live_commitments_cannot_be_removed(acme_in_courtyard, olga, petra):
    commitment = services.commitment_offer(
        actor=petra, partner=acme_in_courtyard, kind="competence", description="Landskapsarkitekt"
    )
    with pytest.raises(ValidationError):
        services.partner_remove(actor=olga, partner=acme_in_courtyard)
    services.commitment_set_status(actor=petra, commitment=commitment, status="withdrawn")
    services.partner_remove(actor=olga, partner=acme_in_courtyard)
    assert not Partner.objects.exists()
    assert AuditEntry.objects.filter(action="partners.partner_remove").count() == 1


def test_a_role_saved_unchanged_records_nothing(acme_in_courtyard, olga):
    services.partner_update(actor=olga, partner=acme_in_courtyard, role="resources", role_text="")
    assert not AuditEntry.objects.filter(action="partners.partner_change").exists()
    services.partner_update(actor=olga, partner=acme_in_courtyard, role="funder", role_text="Sponsor")
    assert AuditEntry.objects.filter(action="partners.partner_change").count() == 1


# Commitments ---------------------------------------------------------------------------


def test_a_commitment_goes_offered_agreed_delivered_with_its_history(acme_in_courtyard, olga, petra):
    commitment = services.commitment_offer(
        actor=petra, partner=acme_in_courtyard, kind="money", description="Til benkene", amount="25000.50"
    )
    assert commitment.status == "offered"
    assert Notification.objects.filter(recipient=olga, kind="partners").exists()
    services.commitment_set_status(actor=olga, commitment=commitment, status="agreed", note="Takk!")
    services.commitment_set_status(actor=olga, commitment=commitment, status="delivered")
    commitment.refresh_from_db()
    assert commitment.status == "delivered"
    history = list(
        CommitmentChange.objects.filter(commitment=commitment).values_list("status", "note", "actor")
    )
    assert history == [("offered", "", petra.pk), ("agreed", "Takk!", olga.pk), ("delivered", "", olga.pk)]
    actions = list(
        AuditEntry.objects.filter(action__startswith="partners.commitment_", target_id=str(commitment.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["partners.commitment_agree", "partners.commitment_deliver"]


@pytest.mark.parametrize(
    ("path", "refused"),
    [
        (["withdrawn"], "agreed"),
        (["agreed", "delivered"], "withdrawn"),
        (["agreed"], "agreed"),
        ([], "delivered"),
    ],
)
def test_a_commitment_cannot_skip_or_undo_a_step(acme_in_courtyard, olga, petra, path, refused):
    commitment = services.commitment_offer(
        actor=petra, partner=acme_in_courtyard, kind="hours", description="Dugnad", hours="12"
    )
    for status in path:
        services.commitment_set_status(actor=olga, commitment=commitment, status=status)
    with pytest.raises(ValidationError) as exc:
        services.commitment_set_status(actor=olga, commitment=commitment, status=refused)
    assert codes(exc.value) == {"invalid_transition"}
    assert CommitmentChange.objects.filter(commitment=commitment).count() == 1 + len(path)


def test_the_partner_withdraws_but_cannot_agree_to_its_own_offer(acme_in_courtyard, petra):
    commitment = services.commitment_offer(
        actor=petra, partner=acme_in_courtyard, kind="money", description="Penger", amount="10"
    )
    with pytest.raises(PermissionDenied):
        services.commitment_set_status(actor=petra, commitment=commitment, status="agreed")
    services.commitment_set_status(actor=petra, commitment=commitment, status="withdrawn")
    assert Commitment.objects.get().status == "withdrawn"


def test_a_representative_of_another_organisation_cannot_offer_for_acme(acme_in_courtyard, bjorn, sven):
    for outsider in (bjorn, sven):
        with pytest.raises(PermissionDenied):
            services.commitment_offer(
                actor=outsider, partner=acme_in_courtyard, kind="money", description="X", amount="1"
            )
    assert not Commitment.objects.exists()


@pytest.mark.parametrize(
    ("kind", "amount", "hours", "code"),
    [
        ("money", "-5", None, "negative"),
        ("money", "1000000000000.01", None, "too_large"),
        ("money", "10.005", None, "decimals"),
        ("money", "ti kroner", None, "invalid"),
        ("money", None, None, "required"),
        ("money", "NaN", None, "invalid"),
        ("hours", None, None, "required"),
        ("hours", None, "0", "invalid"),
        ("hours", None, "1.25", "invalid"),
        ("hours", None, "100000.1", "invalid"),
        ("in_kind", None, "3", "invalid"),
        ("gift", "10", None, "invalid_choice"),
    ],
)
def test_bad_amounts_are_refused_and_nothing_is_saved(acme_in_courtyard, petra, kind, amount, hours, code):
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        services.commitment_offer(
            actor=petra, partner=acme_in_courtyard, kind=kind, description="Noe", amount=amount, hours=hours
        )
    assert code in codes(exc.value)
    assert not Commitment.objects.exists() and not CommitmentChange.objects.exists()


def test_the_reason_is_in_the_users_language(acme_in_courtyard, petra):
    with translation.override("nb"), pytest.raises(ValidationError) as exc:
        services.commitment_offer(
            actor=petra, partner=acme_in_courtyard, kind="money", description="Noe", amount="-1"
        )
    with translation.override("nb"):
        assert exc.value.message_dict["amount"] == ["Et beløp kan ikke være negativt."]
    with translation.override("sv"):
        assert exc.value.message_dict["amount"] == ["Ett belopp kan inte vara negativt."]


def test_totals_are_exact_to_the_ore(rated_oslo, acme_in_courtyard, olga, petra):
    """A thousand commitments of 0.10 and 0.20 add up to exactly 300.00, not 299.99999…;
    hours count at the hub's rate (7.5 h × 450.50 = 3378.75)."""
    for i in range(1000):
        c = Commitment.objects.create(
            partner=acme_in_courtyard,
            kind="money",
            description=f"Bit {i}",
            amount=Decimal("0.10") if i % 2 else Decimal("0.20"),
            status="delivered" if i % 4 == 0 else "agreed",
        )
        del c
    services.commitment_set_status(
        actor=olga,
        commitment=services.commitment_offer(
            actor=petra, partner=acme_in_courtyard, kind="hours", description="Dugnad", hours="7.5"
        ),
        status="agreed",
    )
    services.commitment_offer(  # offered only: does not count
        actor=petra, partner=acme_in_courtyard, kind="money", description="Kanskje", amount="999"
    )
    partners = selectors.initiative_partners(initiative=acme_in_courtyard.initiative, show_offers=True)
    result = selectors.totals(selectors.all_commitments(partners), rated_oslo.hourly_rate)
    assert result.committed["money"] == Decimal("150.00")
    assert result.delivered["money"] == Decimal("50.00")
    assert result.committed["hours"] == Decimal("3378.75")
    assert result.hours_committed == Decimal("7.5")
    assert result.committed_total == Decimal("3528.75")
    summary = selectors.hub_summary(hub=rated_oslo)
    assert [(row["organisation"].name, row["totals"].committed_total) for row in summary] == [
        ("Acme Byutvikling", Decimal("3528.75"))
    ]


def test_an_organisation_commits_to_the_hub_through_its_partnership(oslo, petra, acme, stella):
    partner = services.hub_partner_for(hub=oslo, organisation=acme)
    assert services.hub_partner_for(hub=oslo, organisation=acme) == partner
    services.commitment_offer(
        actor=petra, partner=partner, kind="money", description="Kontingent", amount="50000"
    )
    assert Notification.objects.filter(recipient=stella, kind="partners").count() == 1
    with pytest.raises(ValidationError):
        services.hub_partner_for(hub=oslo, organisation=OrganisationFactory())


def test_offers_are_hidden_from_the_public_but_shown_to_the_sides(acme_in_courtyard, petra, olga):
    services.commitment_offer(
        actor=petra, partner=acme_in_courtyard, kind="money", description="Tilbud", amount="5"
    )
    initiative = acme_in_courtyard.initiative
    public = selectors.initiative_partners(initiative=initiative)
    full = selectors.initiative_partners(initiative=initiative, show_offers=True)
    assert [len(p.commitments.all()) for p in public] == [0]
    assert [len(p.commitments.all()) for p in full] == [1]


def test_my_own_commitments_as_a_person(courtyard, olga, mia):
    partner = services.partner_add(actor=olga, hub=courtyard.hub, initiative=courtyard, user=mia)
    services.commitment_offer(actor=mia, partner=partner, kind="hours", description="Snekring", hours="4")
    assert [c.description for c in selectors.person_commitments(user=mia)] == ["Snekring"]
    assert selectors.person_commitments(user=UserFactory()) == []
