"""Demo goals for `manage.py seed_demo` (runs after places and knowledge). Idempotent.

Oslo's goals follow the City of Oslo's climate strategy towards 2030 (Klimastrategi for Oslo
mot 2030); Södertörn's follow the themes of Södertörnsmodellen. The Södertörn indicators that
apps.knowledge.demo imported are tagged with the goals they measure.
"""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from apps.goals.models import GoalTag, HubGoal, LocalTarget, SdgGoal, SdgTarget
from apps.hubs.models import Hub
from apps.knowledge.models import Indicator

# hub slug → goals: (code, title, description, target year, baseline, UN goals, local targets)
# local targets: (UN target, n, title, measure, due year)
GOALS: dict[str, list[dict[str, Any]]] = {
    "oslo": [
        {
            "code": "climate-2030",
            "title": "95 % lavere klimagassutslipp innen 2030 (sammenlignet med 2009)",
            "description": (
                "Oslos klimastrategi skal kutte de direkte klimagassutslippene i byen med 95 % "
                "innen 2030 sammenlignet med 2009, med et delmål på 52 % innen 2023.\n\n"
                "De store kuttene kommer fra veitrafikk, anleggsmaskiner, oppvarming og "
                "energigjenvinningsanlegget på Klemetsrud."
            ),
            "target_year": 2030,
            "baseline": "Direkte utslipp i Oslo i 2009",
            "sdgs": [13, 11],
            "targets": [
                (
                    "13.2",
                    1,
                    "Utslippene ned 95 % fra 2009-nivået",
                    "Direkte utslipp (Miljødirektoratet), høyst 5 % av 2009",
                    2030,
                ),
                (
                    "11.2",
                    1,
                    "Veitrafikken ned en tredjedel fra 2015",
                    "Kjøretøykilometer i Oslo, høyst to tredjedeler av 2015",
                    2030,
                ),
                (
                    "11.6",
                    1,
                    "Fossilfrie og utslippsfrie byggeplasser",
                    "Andel av byens byggeplasser som er utslippsfrie: 100 %",
                    2025,
                ),
            ],
        },
        {
            "code": "green-biodiversity",
            "title": "Mer grøntareal og naturmangfold i hver bydel",
            "description": (
                "Ta vare på og gjenopprett naturen i byen: ingen netto tap av grøntareal i byggesonen, "
                "flere trær, åpne bekker og pollinatorpassasjer i hver bydel."
            ),
            "target_year": 2030,
            "baseline": "Grøntregnskapet for 2020",
            "sdgs": [15, 11],
            "targets": [
                (
                    "11.7",
                    1,
                    "Ingen netto tap av grøntareal i byggesonen",
                    "Offentlig grøntareal per bydel, aldri under 2020-nivået",
                    2030,
                ),
                (
                    "15.5",
                    1,
                    "En pollinatorpassasje gjennom hver bydel",
                    "Bydeler med en kartlagt og vedlikeholdt passasje: 15 av 15",
                    2028,
                ),
            ],
        },
        {
            "code": "everyone-takes-part",
            "title": "En by der alle kan delta",
            "description": (
                "Innbyggere fra alle bydeler, aldre og bakgrunner er med og former nabolaget sitt, "
                "og gevinstene av det grønne skiftet fordeles rettferdig."
            ),
            "target_year": 2030,
            "baseline": "Medvirkningsundersøkelsen 2022",
            "sdgs": [10, 11],
            "targets": [
                (
                    "11.3",
                    1,
                    "Åpen samskaping i hver bydel",
                    "Minst to åpne samskapingsprosesser per bydel i året",
                    2026,
                ),
                (
                    "10.2",
                    1,
                    "Deltakelse som speiler befolkningen",
                    "Deltakernes alder og bakgrunn innenfor 10 prosentpoeng av bydelens",
                    2030,
                ),
            ],
        },
    ],
    "sodertorn": [
        {
            "code": "social-neighbourhoods",
            "title": "Socialt hållbara stadsdelar",
            "description": (
                "Minska skillnaderna mellan Södertörns stadsdelar i inkomst, hälsa och tillit, "
                "med Södertörnsmodellens kunskapsunderlag per basområde."
            ),
            "target_year": 2030,
            "baseline": "Södertörnsanalysen 2018",
            "sdgs": [11, 10],
            "targets": [
                (
                    "10.2",
                    1,
                    "Färre vuxna med låg inkomst i varje basområde",
                    "Andel vuxna (20+) med låg ekonomisk standard, lägre i varje basområde",
                    2030,
                ),
            ],
        },
        {
            "code": "green-300",
            "title": "Grönområde inom 300 m för alla",
            "description": (
                "Alla på Södertörn ska ha ett grönområde på minst en hektar inom 300 meter från hemmet."
            ),
            "target_year": 2030,
            "baseline": "Andel invånare inom 300 m från grönområde, 2018",
            "sdgs": [11],
            "targets": [
                (
                    "11.7",
                    1,
                    "Grönområde inom 300 m från varje hem",
                    "Invånare med grönområde inom 300 m: 100 %",
                    2030,
                ),
            ],
        },
        {
            "code": "employment",
            "title": "Högre sysselsättning",
            "description": (
                "Fler i åldern 20–64 i arbete i varje kommun, och mindre skillnader mellan stadsdelarna."
            ),
            "target_year": 2030,
            "baseline": "Sysselsättningsgrad 20–64, 2018",
            "sdgs": [8],
            "targets": [
                (
                    "8.5",
                    1,
                    "Sysselsättningsgrad på minst 80 % i varje kommun",
                    "Sysselsättningsgrad 20–64 (SCB), minst 80 %",
                    2030,
                ),
            ],
        },
    ],
}

# indicator code → what it is tagged with: ("goal", goal code) or ("local", local code) or ("sdg", n)
SODERTORN_INDICATOR_TAGS: dict[str, list[tuple[str, Any]]] = {
    "access_green_c_lt_300": [("local", "11.7.L1"), ("goal", "green-300")],
    "employment_rate_20_64": [("local", "8.5.L1"), ("sdg", 8)],
    "low_income_aged_gt_20": [("local", "10.2.L1"), ("goal", "social-neighbourhoods")],
}


@transaction.atomic
def seed(*, stdout: Any) -> None:
    if not SdgGoal.objects.exists():
        from apps.goals.catalogue import load_catalogue

        load_catalogue()
    targets = {t.code: t for t in SdgTarget.objects.all()}
    counts = {"goals": 0, "targets": 0, "tags": 0}
    for slug, goals in GOALS.items():
        hub = Hub.objects.filter(slug=slug).first()
        if hub is None:
            continue
        for spec in goals:
            goal, _created = HubGoal.objects.update_or_create(
                hub=hub,
                code=spec["code"],
                defaults={
                    "title": spec["title"],
                    "description": spec["description"],
                    "target_year": spec["target_year"],
                    "baseline": spec["baseline"],
                },
            )
            sdgs = set(spec["sdgs"])
            for un_code, n, title, measure, due in spec["targets"]:
                LocalTarget.objects.update_or_create(
                    hub=hub,
                    code=f"{un_code}.L{n}",
                    defaults={
                        "hub_goal": goal,
                        "sdg_target": targets[un_code],
                        "title": title,
                        "measure": measure,
                        "due_year": due,
                    },
                )
                sdgs.add(targets[un_code].goal_id)
                counts["targets"] += 1
            goal.sdg_goals.set(sorted(sdgs))
            counts["goals"] += 1
        # The hub itself serves its goals' UN goals.
        hub_type = ContentType.objects.get_for_model(Hub)
        for number in sorted({n for spec in goals for n in spec["sdgs"]}):
            GoalTag.objects.get_or_create(
                content_type=hub_type, object_id=hub.pk, sdg_goal_id=number, defaults={"hub": hub}
            )
            counts["tags"] += 1
    counts["tags"] += _tag_sodertorn_indicators()
    stdout.write(
        f"Goals: {counts['goals']} hub goals, {counts['targets']} local targets, {counts['tags']} tags."
    )


def _tag_sodertorn_indicators() -> int:
    hub = Hub.objects.filter(slug="sodertorn").first()
    if hub is None:
        return 0
    indicator_type = ContentType.objects.get_for_model(Indicator)
    tagged = 0
    for indicator in Indicator.objects.filter(hub=hub, code__in=list(SODERTORN_INDICATOR_TAGS)):
        for kind, value in SODERTORN_INDICATOR_TAGS[indicator.code]:
            target: dict[str, Any] = {}
            if kind == "goal":
                target["hub_goal"] = HubGoal.objects.filter(hub=hub, code=value).first()
            elif kind == "local":
                target["local_target"] = LocalTarget.objects.filter(hub=hub, code=value).first()
            else:
                target["sdg_goal_id"] = value
            if None in target.values():
                continue
            GoalTag.objects.get_or_create(
                content_type=indicator_type, object_id=indicator.pk, **target, defaults={"hub": hub}
            )
            tagged += 1
    return tagged
