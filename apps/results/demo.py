# ruff: noqa: E501 - demo texts read best on one line each
"""Demo data for results: the completed bench initiative in Oslo with its desired results, two
progress reports and a final report that tells everyone who took part (Norwegian Bokmål); and a
Södertörn initiative's result read against a real knowledge indicator of its area (Swedish).

Idempotent: results and reports are found again by their titles; a second run changes nothing.
Called by `manage.py seed_demo` after the initiatives, participation, surveys and events demos."""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone, translation

from apps.hubs.models import Hub
from apps.initiatives.models import Initiative
from apps.knowledge.models import Observation
from apps.results import services
from apps.results.models import ProgressReport, Result

BENCHES = "benker-av-gjenbrukt-tre-i-gamle-oslo"

OSLO_RESULTS: list[dict[str, Any]] = [
    {
        "title": "Tolv benker på plass i Gamle Oslo",
        "description": "Benker der folk faktisk går: langs turveien, ved lekeplassen og på torget.",
        "indicator_name": "Benker på plass",
        "unit": "stk",
        "baseline": "0",
        "target": "12",
    },
    {
        "title": "Gjenbrukt tre i stedet for nytt",
        "description": "Alt treverk skal komme fra den rivde skolen.",
        "indicator_name": "Gjenbrukt treverk",
        "unit": "m³",
        "baseline": "0",
        "target": "3",
    },
]

# (days ago, title, text, result index, value, final)
OSLO_REPORTS = [
    (
        150,
        "Verkstedet er i gang",
        "Første helg med ungdommene fra nabolaget: **fire benker** er snekret, og vi har lært mye om gammelt treverk.",
        0,
        "4",
        False,
    ),
    (
        120,
        "Alt treverket er hentet",
        "Vi fikk med oss 3,2 m³ bjelker og kledning fra skolen før rivingen.",
        1,
        "3.2",
        False,
    ),
    (
        95,
        "Alle tolv benkene står ute",
        "De siste åtte benkene kom på plass denne uka. Kom og sett dere!",
        0,
        "12",
        False,
    ),
    (
        90,
        "Hva kom ut av det: tolv benker av gjenbrukt tre",
        "## Hva vi fikk til\n\n- Tolv benker langs turveien, ved lekeplassen og på torget\n- 3,2 m³ treverk brukt om igjen\n- Tjue ungdommer lærte å snekre\n\n## Takk\n\nTakk til alle som kom med ideer, stemte på designet og var med på dugnaden. Benkene er deres.",
        None,
        None,
        True,
    ),
]


def _oslo(stdout: Any) -> None:
    initiative = (
        Initiative.objects.filter(hub__slug="oslo", slug=BENCHES).select_related("hub", "owner").first()
    )
    if initiative is None:
        return
    hub, owner = initiative.hub, initiative.owner
    today = timezone.localdate()
    results = []
    for spec in OSLO_RESULTS:
        result = Result.objects.filter(initiative=initiative, title=spec["title"]).first()
        if result is None:
            result = services.result_create(
                hub=hub,
                initiative=initiative,
                actor=owner,
                baseline_date=today - timedelta(days=200),
                target_date=today - timedelta(days=90),
                publish=True,
                **spec,
            )
        results.append(result)
    for days, title, text, index, value, final in OSLO_REPORTS:
        if ProgressReport.objects.filter(initiative=initiative, title=title).exists():
            continue
        when = timezone.now() - timedelta(days=days)
        report = services.report_create(
            hub=hub,
            initiative=initiative,
            actor=owner,
            title=title,
            text=text,
            result=results[index] if index is not None else None,
            value=value,
            measured_on=(when.date() if value is not None else None),
            is_final=final,
        )
        services.report_publish(report=report, actor=owner)
        ProgressReport.objects.filter(pk=report.pk).update(published_at=when)
    stdout.write(f"Results: {initiative.title} has {len(results)} results and a final report.")


def _sodertorn(stdout: Any) -> None:
    hub = Hub.objects.filter(slug="sodertorn").first()
    if hub is None:
        return
    for initiative in (
        Initiative.objects.filter(hub=hub, area__isnull=False)
        .select_related("area", "owner")
        .order_by("slug")
    ):
        latest = (
            Observation.objects.filter(
                indicator__hub=hub, area=initiative.area, breakdown_key="", breakdown_value=""
            )
            .select_related("indicator")
            .order_by("indicator__category", "indicator__code", "-year")
            .first()
        )
        if latest is None:
            continue
        indicator, area = latest.indicator, initiative.area
        assert area is not None  # filtered above
        title = f"Bättre {indicator.name.lower()} i {area.name}"[:200]
        if not Result.objects.filter(initiative=initiative, indicator=indicator).exists():
            baseline = Decimal(str(round(latest.value, 2)))
            # Ten per cent better by 2030: up, unless the data says lower is better.
            factor = Decimal("0.9") if indicator.higher_is_better is False else Decimal("1.1")
            services.result_create(
                hub=hub,
                initiative=initiative,
                actor=initiative.owner,
                title=title,
                description=f"Vi följer {indicator.name.lower()} i {area.name} i den öppna statistiken och vill se en förbättring till 2030.",
                indicator=indicator,
                baseline=baseline,
                baseline_date=date(latest.year, 12, 31) if 2000 <= latest.year <= 2100 else None,
                target=(baseline * factor).quantize(Decimal("0.01")),
                target_date=date(2030, 12, 31),
                publish=True,
            )
        stdout.write(f"Results: {initiative.title} is read against {indicator.code} for {area.name}.")
        return


MEADOWS = "pollinerande-angar-i-tyreso"
MEADOW_FINAL = (
    "Vad det blev: ängar i stället för gräsmattor",
    "## Vad vi åstadkom\n\n- Tre gräsmattor blev blommande ängar, 4 500 m²\n- Sexton sorters vildblommor sådda\n- Bin och fjärilar räknade före och efter\n\n## Tack\n\nTack till alla grannar som sådde, slog med lie och räknade bin. Ängarna är era.",
)


def _meadows(stdout: Any) -> None:
    """The finished meadows in Tyresö: a result and a final report, in Swedish."""
    initiative = (
        Initiative.objects.filter(hub__slug="sodertorn", slug=MEADOWS).select_related("hub", "owner").first()
    )
    if initiative is None:
        return
    hub, owner = initiative.hub, initiative.owner
    today = timezone.localdate()
    title = "Blommande ängar i stället för gräsmatta"
    result = Result.objects.filter(initiative=initiative, title=title).first()
    if result is None:
        result = services.result_create(
            hub=hub,
            initiative=initiative,
            actor=owner,
            title=title,
            description="Klippta gräsmattor blir ängar där vildbin hittar mat hela sommaren.",
            indicator_name="Yta med äng",
            unit="m²",
            baseline=Decimal("0"),
            target=Decimal("4000"),
            baseline_date=today - timedelta(days=300),
            target_date=today - timedelta(days=80),
            publish=True,
        )
    for days, report_title, text, value, final in [
        (120, "Ängarna är sådda", "Vi sådde sexton sorters vildblommor på tre gräsmattor.", "4500", False),
        (65, *MEADOW_FINAL, None, True),
    ]:
        if ProgressReport.objects.filter(initiative=initiative, title=report_title).exists():
            continue
        when = timezone.now() - timedelta(days=days)
        report = services.report_create(
            hub=hub,
            initiative=initiative,
            actor=owner,
            title=report_title,
            text=text,
            result=result if value is not None else None,
            value=value,
            measured_on=(when.date() if value is not None else None),
            is_final=final,
        )
        services.report_publish(report=report, actor=owner)
        ProgressReport.objects.filter(pk=report.pk).update(published_at=when)
    stdout.write(f"Results: {initiative.title} has a result and a final report.")


@transaction.atomic
def seed(*, stdout: Any) -> None:
    with translation.override("nb"):
        _oslo(stdout)
    with translation.override("sv"):
        _sodertorn(stdout)
        _meadows(stdout)
