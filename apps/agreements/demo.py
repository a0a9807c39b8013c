# ruff: noqa: E501 - demo texts read best on one line each
"""Demo data: a signed cooperation agreement for Pådriv Oslo between four of its partners, in
two versions (one partner signed version 1 before version 2 changed the budget, then signed
again). Idempotent: a second run finds the agreement and changes nothing."""

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from apps.accounts.models import User
from apps.agreements.canonical import canonical_text
from apps.agreements.models import Agreement, AgreementVersion, Party, Signature
from apps.hubs.models import ApplicationStatus, Hub
from apps.organisations.models import Organisation

TITLE = "Samarbeidsavtale for Pådriv Oslo"

# (organisation, the representative who signs)
PARTIES = [
    ("Oslo kommune", "steward@oslo.demo"),
    ("Grønn Gårdsplass AS", "lars@oslo.demo"),
    ("Tøyen Nabolagsforening", "member@oslo.demo"),
    ("Byforskningsinstituttet", "sofie@oslo.demo"),
]

V1 = """# Samarbeidsavtale for Pådriv Oslo

Avtalen gjelder samarbeidet i Pådriv Oslo for perioden {start} – {end}.

## 1. Visjon og strategi

Oslo skal være en grønn og inkluderende by der innbyggere, organisasjoner, næringsliv og kommunen skaper byen sammen. Partene står bak det felles målbildet for Pådriv Oslo og arbeider for grønne gårdsrom, gater for folk og gjenbruk av byggematerialer.

## 2. Organisering

Pådriv Oslo er et åpent samarbeid mellom likeverdige partnere. Hver partner har én stemme på årsmøtet, uansett størrelse og økonomisk bidrag. Arbeidet skjer i arbeidsgrupper på 8–15 personer med én leder.

- Oslo kommune (offentlig sektor)
- Grønn Gårdsplass AS (næringsliv)
- Tøyen Nabolagsforening (sivilsamfunn)
- Byforskningsinstituttet (akademia)

## 3. Nettverksledelse og styre

- **Nettverksleder:** Ingrid Solberg
- **Forvaltningsteam:** Kari Nordmann
- **Styre:** Ola Hansen og én representant fra hver partner

## 4. Roller og ansvar i perioden

- **Oslo kommune:** møtelokaler, kontakt med bydelene og saksbehandlere
- **Grønn Gårdsplass AS:** fagkompetanse på grønne gårdsrom
- **Tøyen Nabolagsforening:** lokal mobilisering og frivillige
- **Byforskningsinstituttet:** følgeforskning og måling av resultater

## 5. Ønskede resultater

- Ti nye grønne gårdsrom innen utgangen av perioden
- Tre midlertidige gatetiltak prøvd ut sammen med naboene
- Halvparten av materialene i midlertidige prosjekter er gjenbrukt

## 6. Finansieringsplan og budsjett

Partene bidrar med til sammen 400 000 kr i penger og innsats for perioden. Budsjettet legges fram på årsmøtet.
"""

V2_CHANGES = [
    (
        "Partene bidrar med til sammen 400 000 kr i penger og innsats for perioden. Budsjettet legges fram på årsmøtet.",
        "Partene bidrar med til sammen 955 000 kr i penger og innsats for perioden (en dugnadstime regnet til 450 kr):\n\n- Oslo kommune: 500 000 kr i driftstilskudd til sekretariatet, og møterom i Rådhuset (60 000 kr)\n- Grønn Gårdsplass AS: 50 000 kr i partnerkontingent\n- Tøyen Nabolagsforening: 300 dugnadstimer fra nabolaget (135 000 kr)\n- Byforskningsinstituttet: evaluering av pilotprosjektene (120 000 kr) og 200 timer forskertid i arbeidsgruppene (90 000 kr)\n\nDet samme står som forpliktelser på partnersidene. Budsjettet følges opp på hvert styremøte og legges fram på årsmøtet.",
    ),
    (
        "- Tre midlertidige gatetiltak prøvd ut sammen med naboene",
        "- Tre midlertidige gatetiltak prøvd ut sammen med naboene, barn og unge",
    ),
]


def _texts(start: date, end: date) -> tuple[str, str]:
    v1 = V1.format(start=start.strftime("%d.%m.%Y"), end=end.strftime("%d.%m.%Y"))
    v2 = v1
    for old, new in V2_CHANGES:
        v2 = v2.replace(old, new)
    return canonical_text(v1), canonical_text(v2)


def seed(*, stdout: Any) -> None:
    hub = Hub.objects.filter(slug="oslo").first()
    if hub is None:
        return
    if Agreement.objects.filter(hub=hub, initiative=None, title=TITLE).exists():
        stdout.write(f"Agreements: “{TITLE}” is already signed.")
        return
    emails = {e for _, e in PARTIES} | {"ingrid@oslo.demo", "steward@oslo.demo"}
    users = {u.email: u for u in User.objects.filter(email__in=emails)}
    parties = []
    for name, email in PARTIES:
        organisation = Organisation.objects.filter(
            name=name, partnerships__hub=hub, partnerships__status=ApplicationStatus.APPROVED
        ).first()
        if organisation is not None and email in users:
            parties.append((organisation, users[email]))
    if not parties:
        return
    now = timezone.now()
    today = timezone.localdate()
    start, end = date(today.year, 1, 1), date(today.year + 1, 12, 31)
    v1_text, v2_text = _texts(start, end)
    agreement = Agreement.objects.create(
        hub=hub,
        title=TITLE,
        starts_on=start,
        ends_on=end,
        status=Agreement.Status.SIGNING,
        created_by=users.get("ingrid@oslo.demo"),
    )
    Party.objects.bulk_create([Party(agreement=agreement, organisation=o) for o, _ in parties])
    v1 = AgreementVersion.objects.create(
        agreement=agreement,
        number=1,
        text=v1_text,
        author=users.get("ingrid@oslo.demo"),
        note="Utkast fra malen",
    )
    v2 = AgreementVersion.objects.create(
        agreement=agreement,
        number=2,
        text=v2_text,
        author=users.get("steward@oslo.demo"),
        note="Budsjettet fordelt per partner; barn og unge med i gatetiltakene.",
    )

    def signature(
        version: AgreementVersion, organisation: Organisation, user: User, days_ago: int
    ) -> Signature:
        return Signature(
            agreement=agreement,
            version=version,
            organisation=organisation,
            organisation_name=organisation.name,
            representative=user,
            representative_name=user.display_name,
            sha256=version.sha256,
            signed_at=now - timedelta(days=days_ago),
        )

    first_org, first_user = parties[0]
    # One partner signed version 1; version 2 came after and every party signed it.
    Signature.objects.bulk_create(
        [signature(v1, first_org, first_user, 20)]
        + [signature(v2, o, u, 10 - i) for i, (o, u) in enumerate(parties)]
    )
    agreement.status = Agreement.Status.SIGNED
    agreement.signed_version = v2
    agreement.signed_at = now - timedelta(days=10 - len(parties) + 1)
    agreement.save()
    stdout.write(f"Agreements: “{TITLE}” signed by {len(parties)} partners (version 2).")
