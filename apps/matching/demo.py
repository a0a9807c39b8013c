"""Matchmaking in the demo: needs on Oslo's initiatives (written by their owners), so that
member@oslo.demo (Amina, urban gardening at Tøyen) gets suggestions with reasons; one introduction
in progress (Amina to the pollinator passage, brokered by steward@oslo.demo) and one answered
(Sirkel Gjenbruk SA to the reuse station, accepted by its representative). Idempotent: needs are
found again by their text or competence, introductions by initiative and person or organisation.
Through the services, in Norwegian Bokmål."""

from typing import Any

from django.utils import translation

from apps.accounts.models import Competence, User
from apps.hubs.models import Hub
from apps.initiatives.models import Initiative
from apps.matching import selectors, services
from apps.matching.models import Introduction, Need
from apps.organisations.models import Organisation

# initiative slug → (competence slugs, [(kind, text)])
NEEDS: dict[str, tuple[list[str], list[tuple[str, str]]]] = {
    "gronn-gardsplass-pa-toyen": (
        ["gardening"],
        [("resource", "Plantekasser, jord og stauder"), ("partner", "Et borettslag som vil dele gården")],
    ),
    "lekegate-i-sagene": (["youth", "law"], [("resource", "Sperrebukker og skilt til søndagene")]),
    "gjenbruksstasjon-pa-grunerlokka": (
        ["circular"],
        [("partner", "En gjenbruksaktør som partner"), ("resource", "Lokale på gateplan")],
    ),
    "pollinatorpassasje-langs-akerselva": (
        ["landscape", "gardening"],
        [("resource", "Frø av ville blomster")],
    ),
    "sykkelverksted-pa-valerenga": (["mobility"], [("resource", "Verktøy og reservedeler til sykler")]),
    "reparasjonskafe-pa-toyen": (["carpentry"], [("resource", "Lokale en lørdag i måneden")]),
}
STEWARD = "steward@oslo.demo"
OPEN_INTRODUCTION = ("pollinatorpassasje-langs-akerselva", "member@oslo.demo")
ANSWERED_INTRODUCTION = ("gjenbruksstasjon-pa-grunerlokka", "Sirkel Gjenbruk SA", "lars@oslo.demo")


def seed(*, stdout: Any) -> None:
    hub = Hub.objects.filter(slug="oslo").first()
    steward = User.objects.filter(email=STEWARD).first()
    if hub is None or steward is None:
        return
    with translation.override("nb"):
        _seed(hub, steward, stdout)


def _seed(hub: Hub, steward: User, stdout: Any) -> None:
    competences = {c.slug: c for c in Competence.objects.all()}
    initiatives = {
        i.slug: i for i in Initiative.objects.filter(hub=hub, slug__in=NEEDS).select_related("owner")
    }
    made = 0
    for slug, (wanted, texts) in NEEDS.items():
        initiative = initiatives.get(slug)
        if initiative is None:
            continue
        for competence_slug in wanted:
            competence = competences.get(competence_slug)
            if (
                competence is None
                or Need.objects.filter(initiative=initiative, competence=competence).exists()
            ):
                continue
            services.need_add(
                actor=initiative.owner, initiative=initiative, kind="competence", competence=competence
            )
            made += 1
        for kind, text in texts:
            if Need.objects.filter(initiative=initiative, text=text).exists():
                continue
            services.need_add(actor=initiative.owner, initiative=initiative, kind=kind, text=text)
            made += 1

    introduced = 0
    slug, email = OPEN_INTRODUCTION
    initiative, member = initiatives.get(slug), User.objects.filter(email=email).first()
    if (
        initiative is not None
        and member is not None
        and not Introduction.objects.filter(initiative=initiative, user=member).exists()
    ):
        people, _organisations = selectors.suggestions_for_initiative(initiative=initiative, limit=50)
        reasons = next((selectors.reason_lines(s.reason) for s in people if s.obj.pk == member.pk), [])
        services.introduction_create(
            actor=steward,
            initiative=initiative,
            user=member,
            note="Amina driver en nabolagshage på Tøyen og kan mye om stauder. Ta gjerne en prat!",
            reasons=reasons,
        )
        introduced += 1

    slug, org_name, rep_email = ANSWERED_INTRODUCTION
    initiative = initiatives.get(slug)
    organisation = Organisation.objects.filter(name=org_name).first()
    rep = User.objects.filter(email=rep_email).first()
    if (
        initiative is not None
        and organisation is not None
        and rep is not None
        and not Introduction.objects.filter(initiative=initiative, organisation=organisation).exists()
    ):
        introduction = services.introduction_create(
            actor=steward,
            initiative=initiative,
            organisation=organisation,
            note="Sirkel Gjenbruk har erfaring med gjenbruksstasjoner og vil gjerne bidra.",
            reasons=["Ord til felles: gjenbruk"],
        )
        services.introduction_answer(
            actor=rep, introduction=introduction, accept=True, answer="Gjerne! Vi tar kontakt med Sofie."
        )
        introduced += 1
    if made or introduced:
        stdout.write(f"  matching: {made} needs, {introduced} introductions")
