"""Demo processes for `manage.py seed_demo` (runs after the initiatives demo). Idempotent.

Every demo initiative without a process gets one: ideas follow Pådriv's idea follow-up, one
Södertörn initiative the Södertörn planning dialogue, the rest Stedskaping 6 + 6. Start dates
are spread in the past so that, taken together, the initiatives sit in every phase of these
templates (and some have finished), with the deliverables of earlier phases done.

A third hub, Pådriv Tønsberg, is being established (H2): its establishment run is in the
pre-project phase, and the Oslo demo steward (steward@oslo.demo) is its steward.
"""

from datetime import datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from apps.accounts.models import User
from apps.hubs.models import ApplicationStatus, Hub, Membership
from apps.processes import services
from apps.processes.loader import load_templates
from apps.processes.models import Deliverable, PhaseRun, PhaseStatus, ProcessRun, ProcessTemplate

DEMO_HUBS = ("oslo", "sodertorn", "tonsberg")

# Where each told story stands (initiative slug: phase index, late), so that status, process
# and participation agree: the showcase Grønn gårdsplass is in its concept-vote phase with the
# vote open; the finished ones have every phase closed. A completed initiative not listed here
# is finished; the others walk through the phases.
STORY_PHASES: dict[str, tuple[int, bool]] = {
    "pollinatorpassasje-langs-akerselva": (0, False),  # just started: a project group
    "gronn-gardsplass-pa-toyen": (2, False),  # concepts and public vote: the vote is open
    "lekegate-i-sagene": (3, True),  # plan and permits: waiting for Bymiljøetaten
    "sykkelverksted-pa-valerenga": (4, False),  # financing, paused for the winter
    "cykelvag-till-haninge-centrum": (1, False),  # input from the neighbourhood
    "grona-straket-huddinge-tyreso": (6, False),  # opened: maintenance and evaluation
}

TONSBERG = {
    "name": "Pådriv Tønsberg",
    "tagline": "Et nytt Pådriv for Tønsberg — vi er i gang med forprosjektet.",
    "place": "Tønsberg",
    "country": "NO",
    "timezone": "Europe/Oslo",
    "languages": ["nb", "en"],
    "stage": "establishing",
    "contact_email": "hei@tonsberg.allmenning.demo",
    "description": (
        "Innbyggere, kommunen, næringsliv og organisasjoner i Tønsberg etablerer et Pådriv "
        "i tre steg: et sonderingsmøte, et forprosjekt og en etableringsfase.\n\n"
        "Sonderingsmøtet er holdt; forprosjektet er i gang."
    ),
}
# Tønsberg has no areas uploaded yet: its stewards set a box around the town instead, which
# its places must lie in (apps.places.bounds).
TONSBERG_BOUNDS = {
    "bounds_min_lon": 10.25,
    "bounds_min_lat": 59.2,
    "bounds_max_lon": 10.55,
    "bounds_max_lat": 59.35,
}


def _place_in_phase(run: ProcessRun, phase_index: int, today: Any, actor: Any) -> None:
    """Close the phases before `phase_index` (deliverables done) and make it current.

    `phase_index` equal to the number of phases means the run is finished. Dates are set so
    the current phase began a few days ago; one run in three is a little late.
    """
    phases = list(run.phases.order_by("position"))
    now = timezone.now()

    def finished_on(day: Any) -> Any:
        return timezone.make_aware(datetime.combine(min(day, today), time(15, 0)))

    for phase in phases[: min(phase_index, len(phases))]:
        when = finished_on(phase.due_on)
        Deliverable.objects.filter(phase_run=phase).update(done=True, done_at=when, done_by=actor)
        Deliverable.objects.filter(phase_run=phase, kind__in=["link", "object"]).update(
            url="https://example.org/demo"
        )
        PhaseRun.objects.filter(pk=phase.pk).update(
            status=PhaseStatus.CLOSED, closed_at=when, closed_by=actor
        )
    PhaseRun.objects.filter(run=run, position__gt=phase_index).update(status=PhaseStatus.UPCOMING)
    if phase_index < len(phases):
        current = phases[phase_index]
        PhaseRun.objects.filter(pk=current.pk).update(status=PhaseStatus.CURRENT)
        # Half of the required deliverables of the current phase are done already.
        required = list(current.deliverables.filter(required=True).order_by("position"))
        for deliverable in required[: len(required) // 2]:
            Deliverable.objects.filter(pk=deliverable.pk).update(done=True, done_at=now, done_by=actor)


def _start_at_phase(
    *, template: ProcessTemplate, phase_index: int, today: Any, actor: Any, late: bool, **subject: Any
) -> ProcessRun:
    durations = [p.duration_days for p in template.phases.order_by("position")]
    elapsed = sum(durations[:phase_index])
    if phase_index < len(durations):
        into = max(1, durations[phase_index] // 3)
        if late:
            into = durations[phase_index] + 4  # past its due date: shows the overdue warning
    else:
        into = 20
    run = services.process_start(
        template=template, starts_on=today - timedelta(days=elapsed + into), actor=actor, **subject
    )
    _place_in_phase(run, phase_index, today, actor)
    return run


@transaction.atomic
def seed(*, stdout: Any) -> None:
    from apps.initiatives.models import Initiative

    load_templates()
    templates = {t.key: t for t in ProcessTemplate.objects.filter(hub__isnull=True)}
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    today = timezone.localdate()

    # Pådriv Tønsberg, being established (H2).
    tonsberg, _created = Hub.objects.get_or_create(slug="tonsberg", defaults={**TONSBERG, **TONSBERG_BOUNDS})
    steward = User.objects.filter(email="steward@oslo.demo").first()
    if steward is not None:
        membership, _created = Membership.objects.get_or_create(
            hub=tonsberg,
            user=steward,
            defaults={"status": ApplicationStatus.APPROVED, "decided_at": timezone.now(), "is_steward": True},
        )
        if not (membership.is_steward and membership.status == ApplicationStatus.APPROVED):
            membership.status, membership.is_steward = ApplicationStatus.APPROVED, True
            membership.save(update_fields=["status", "is_steward"])
    actor = steward or admin
    if actor is not None and not ProcessRun.objects.filter(hub=tonsberg, initiative__isnull=True).exists():
        _start_at_phase(
            template=templates["new-hub"],
            phase_index=1,
            today=today,
            actor=admin or actor,
            late=False,
            hub=tonsberg,
        )

    # Every demo initiative without a run gets one, spread over the phases.
    initiatives = list(
        Initiative.objects.filter(hub__slug__in=DEMO_HUBS, process_runs__isnull=True)
        .select_related("hub", "owner")
        .order_by("hub__slug", "created_at", "pk")
    )
    already_dialogue = ProcessRun.objects.filter(template_key="sodertorn-dialogue").exists()
    counters: dict[str, int] = {}
    started = 0
    for initiative in initiatives:
        if initiative.status == Initiative.Status.IDEA:
            key = "idea-follow-up"
        elif initiative.hub.slug == "sodertorn" and not already_dialogue:
            key, already_dialogue = "sodertorn-dialogue", True
        else:
            key = "stedskaping-6-6"
        template = templates[key]
        n = counters.get(key, 0)
        counters[key] = n + 1
        phase_count = template.phases.count()
        # Walk through every phase (and "finished" for the long template) before repeating.
        positions = phase_count + 1 if key == "stedskaping-6-6" else phase_count
        phase_index = 1 if key == "sodertorn-dialogue" else n % positions
        late = n % 3 == 2
        if initiative.slug in STORY_PHASES and key == "stedskaping-6-6":
            phase_index, late = STORY_PHASES[initiative.slug]
        elif initiative.status == Initiative.Status.COMPLETED:
            phase_index, late = phase_count, False
        _start_at_phase(
            template=template,
            phase_index=phase_index,
            today=today,
            actor=admin or initiative.owner,
            late=late,
            subject_initiative=initiative,
        )
        started += 1
    started += _fill_every_phase(templates=templates, today=today, actor=admin)
    _more_hubs_being_established(templates=templates, today=today, actor=admin)
    stdout.write(f"Processes: {started} started; Pådriv Tønsberg is being established.")


# Extra demo initiatives, so that every phase of the idea follow-up and the Södertörn dialogue
# has one (hub slug, owner e-mail, title, summary).
EXTRA = {
    "idea-follow-up": [
        (
            "oslo",
            "lars@oslo.demo",
            "Byttemarked i Sagene",
            "Klær og verktøy skifter eier i stedet for å kastes.",
        ),
        ("oslo", "nadia@oslo.demo", "Kunst på byggegjerdene", "Ungdom maler byggegjerdene i Gamle Oslo."),
        ("oslo", "sofie@oslo.demo", "Solceller på skoletaket", "Elevene følger strømmen fra eget tak."),
        ("sodertorn", "elin@sodertorn.demo", "Pollinatörsstråk i Tyresö", "Blommande kantzoner för bin."),
        ("sodertorn", "per@sodertorn.demo", "Öppna data om grönytor", "Karta över gröna ytor per basområde."),
        ("oslo", "mari@oslo.demo", "Sykkelverksted i Sagene", "Gratis sykkelreparasjon hver lørdag."),
    ],
    "sodertorn-dialogue": [
        (
            "sodertorn",
            "steward@sodertorn.demo",
            "Planeringsdialog Flemingsberg",
            "Kunskap, samskapande och värden.",
        ),
        (
            "sodertorn",
            "board@sodertorn.demo",
            "Dialog om Handens centrum",
            "Markägare och boende om centrum.",
        ),
        ("sodertorn", "member@sodertorn.demo", "Framtidens Fittja torg", "Vision för torget med de boende."),
        (
            "sodertorn",
            "mohammed@sodertorn.demo",
            "Nya bostäder i Hallunda",
            "Värdeskapande dialog med byggherrar.",
        ),
    ],
}


def _current_positions(key: str) -> set[int]:
    return set(
        PhaseRun.objects.filter(
            run__template_key=key, run__initiative__isnull=False, status=PhaseStatus.CURRENT
        ).values_list("position", flat=True)
    )


def _fill_every_phase(*, templates: dict[str, ProcessTemplate], today: Any, actor: Any) -> int:
    """Start extra demo initiatives until every phase of these templates is someone's current."""
    from apps.initiatives.models import Initiative
    from apps.initiatives.services import initiative_submit

    started = 0
    for key, candidates in EXTRA.items():
        template = templates[key]
        positions = list(template.phases.order_by("position").values_list("position", flat=True))
        missing = [i for i, position in enumerate(positions) if position not in _current_positions(key)]
        pool = iter(candidates)
        for phase_index in missing:
            for candidate in pool:
                hub_slug, email, title, summary = candidate
                owner = User.objects.filter(email=email).first()
                hub = Hub.objects.filter(slug=hub_slug).first()
                if owner and hub and not Initiative.objects.filter(hub=hub, title=title).exists():
                    break
            else:
                break  # no candidates left
            initiative = initiative_submit(hub=hub, actor=owner, title=title, summary=summary)
            _start_at_phase(
                template=template,
                phase_index=phase_index,
                today=today,
                actor=actor or owner,
                late=False,
                subject_initiative=initiative,
            )
            started += 1
    return started


def _more_hubs_being_established(*, templates: dict[str, ProcessTemplate], today: Any, actor: Any) -> None:
    """Two more new hubs, so the establishment process shows all three steps: Arendal has just
    had its exploratory meeting planned, Larvik is in its establishment phase."""
    for slug, name, place, phase_index in [
        ("arendal", "Pådriv Arendal", "Arendal", 0),
        ("larvik", "Pådriv Larvik", "Larvik", 2),
    ]:
        hub, _created = Hub.objects.get_or_create(
            slug=slug,
            defaults={
                **TONSBERG,
                "name": name,
                "place": place,
                "tagline": "",
                "contact_email": "",
                "description": (
                    f"Innbyggere, kommunen, næringsliv og organisasjoner i {place} etablerer et "
                    "Pådriv i tre steg: et sonderingsmøte, et forprosjekt og en etableringsfase."
                ),
            },
        )
        if actor is not None and not ProcessRun.objects.filter(hub=hub, initiative__isnull=True).exists():
            _start_at_phase(
                template=templates["new-hub"],
                phase_index=phase_index,
                today=today,
                actor=actor,
                late=False,
                hub=hub,
            )
