"""Demo data: what the partners of Pådriv Oslo and Södertörn commit, to the partnership itself
and to initiatives, at every step from offered to delivered. Written through the services (so
the audit log and the notifications tell the same story); idempotent: a commitment is found again
by its partner and text, and a second run changes nothing."""

from typing import Any

from apps.accounts.models import User
from apps.hubs.models import Hub
from apps.initiatives.models import Initiative
from apps.organisations.models import Organisation
from apps.partners import services
from apps.partners.models import Commitment, Partner

# (hub, initiative slug or None for the hub itself, organisation, role, what they do,
#  the representative who offers, the lead who agrees,
#  [(kind, what, amount, hours, status)])
COMMITMENTS: list[
    tuple[str, str | None, str, str, str, str, str, list[tuple[str, str, str | None, str | None, str]]]
] = [
    (
        "oslo",
        None,
        "Oslo kommune",
        "co_owner",
        "Kommunen er partner og bidrar med drift og lokaler.",
        "steward@oslo.demo",
        "ingrid@oslo.demo",
        [
            ("money", "Driftstilskudd til sekretariatet 2027", "500000.00", None, "agreed"),
            ("in_kind", "Møterom i Rådhuset til nettverksmøter", "60000.00", None, "delivered"),
        ],
    ),
    (
        "oslo",
        None,
        "Byforskningsinstituttet",
        "co_owner",
        "Kunnskapsgrunnlag og evaluering for nettverket.",
        "sofie@oslo.demo",
        "steward@oslo.demo",
        [
            ("competence", "Evaluering av pilotprosjektene", "120000.00", None, "agreed"),
            ("hours", "Forskertid i arbeidsgruppene", None, "200", "agreed"),
        ],
    ),
    (
        "oslo",
        None,
        "Grønn Gårdsplass AS",
        "co_owner",
        "",
        "lars@oslo.demo",
        "steward@oslo.demo",
        [
            ("money", "Partnerkontingent 2026", "50000.00", None, "delivered"),
        ],
    ),
    (
        "oslo",
        None,
        "Tøyen Nabolagsforening",
        "co_owner",
        "",
        "member@oslo.demo",
        "steward@oslo.demo",
        [
            ("hours", "Dugnadstimer fra nabolaget", None, "300", "agreed"),
        ],
    ),
    (
        "oslo",
        None,
        "Sirkel Gjenbruk SA",
        "co_owner",
        "",
        "lars@oslo.demo",
        "steward@oslo.demo",
        [
            ("in_kind", "Lager for gjenbrukte materialer på Alnabru", "80000.00", None, "offered"),
        ],
    ),
    (
        "oslo",
        "gronn-gardsplass-pa-toyen",
        "Grønn Gårdsplass AS",
        "resources",
        "Planter, jord og landskapsarkitekt",
        "lars@oslo.demo",
        "nadia@oslo.demo",
        [
            ("in_kind", "Stauder, bærbusker og 12 kubikk jord", "35000.00", None, "agreed"),
            ("competence", "Landskapsarkitekt i to dager", "16000.00", None, "delivered"),
        ],
    ),
    (
        "oslo",
        "gronn-gardsplass-pa-toyen",
        "Oslo kommune",
        "public",
        "Tilskudd fra Bydel Gamle Oslo",
        "steward@oslo.demo",
        "lars@oslo.demo",
        [
            ("money", "Nærmiljøtilskudd", "75000.00", None, "agreed"),
        ],
    ),
    (
        "oslo",
        "gronn-gardsplass-pa-toyen",
        "Tøyen Nabolagsforening",
        "supporter",
        "Naboer som graver og planter",
        "member@oslo.demo",
        "lars@oslo.demo",
        [
            ("hours", "Dugnad på plantedagene", None, "120", "agreed"),
        ],
    ),
    (
        "oslo",
        "gronn-gardsplass-pa-toyen",
        "Byforskningsinstituttet",
        "expertise",
        "Måler det biologiske mangfoldet",
        "sofie@oslo.demo",
        "lars@oslo.demo",
        [
            ("competence", "Registrering av insekter før og etter", None, None, "offered"),
        ],
    ),
    (
        "oslo",
        "benker-av-gjenbrukt-tre-i-gamle-oslo",
        "Sirkel Gjenbruk SA",
        "resources",
        "Tømmeret til benkene",
        "lars@oslo.demo",
        "erik@oslo.demo",
        [
            ("in_kind", "Tømmer fra den rivde skolen", "24000.00", None, "delivered"),
        ],
    ),
    (
        "sodertorn",
        None,
        "Södertörns kommunförbund",
        "co_owner",
        "Kommunerna samverkar genom förbundet.",
        "steward@sodertorn.demo",
        "steward@sodertorn.demo",
        [
            ("money", "Bidrag till samordningen 2027", "400000.00", None, "agreed"),
        ],
    ),
    (
        "sodertorn",
        "odlingslotter-i-fittja",
        "Fittja Framtid ideell förening",
        "co_owner",
        "Föreningen driver odlingen",
        "member@sodertorn.demo",
        "steward@sodertorn.demo",
        [
            ("hours", "Ideella timmar vid byggdagarna", None, "150", "delivered"),
        ],
    ),
    (
        "sodertorn",
        "odlingslotter-i-fittja",
        "Haninge Bygg AB",
        "resources",
        "Pallkragar och jord",
        "mohammed@sodertorn.demo",
        "steward@sodertorn.demo",
        [
            ("in_kind", "Pallkragar och jord till 40 lotter", "18000.00", None, "agreed"),
        ],
    ),
]

STEPS = {"offered": [], "agreed": ["agreed"], "delivered": ["agreed", "delivered"]}


def seed(*, stdout: Any) -> None:
    hubs = {hub.slug: hub for hub in Hub.objects.filter(slug__in={row[0] for row in COMMITMENTS})}
    emails = {row[5] for row in COMMITMENTS} | {row[6] for row in COMMITMENTS}
    users = {user.email: user for user in User.objects.filter(email__in=emails)}
    organisations = {o.name: o for o in Organisation.objects.filter(name__in={row[2] for row in COMMITMENTS})}
    made = 0
    for hub_slug, initiative_slug, org_name, role, role_text, rep_email, lead_email, items in COMMITMENTS:
        hub, organisation = hubs.get(hub_slug), organisations.get(org_name)
        rep, lead = users.get(rep_email), users.get(lead_email)
        if hub is None or organisation is None or rep is None or lead is None:
            continue
        initiative = None
        if initiative_slug:
            initiative = Initiative.objects.filter(hub=hub, slug=initiative_slug).first()
            if initiative is None:
                continue
        partner = Partner.objects.filter(hub=hub, initiative=initiative, organisation=organisation).first()
        if partner is None:
            if initiative is None:
                partner = services.hub_partner_for(hub=hub, organisation=organisation)
                services.partner_update(actor=lead, partner=partner, role=role, role_text=role_text)
            else:
                partner = services.partner_add(
                    actor=lead,
                    hub=hub,
                    initiative=initiative,
                    organisation=organisation,
                    role=role,
                    role_text=role_text,
                )
        for kind, description, amount, hours, status in items:
            if Commitment.objects.filter(partner=partner, description=description).exists():
                continue
            commitment = services.commitment_offer(
                actor=rep, partner=partner, kind=kind, description=description, amount=amount, hours=hours
            )
            for step in STEPS[status]:
                services.commitment_set_status(actor=lead, commitment=commitment, status=step)
            made += 1
    if made:
        stdout.write(f"  partners: {made} commitments")
