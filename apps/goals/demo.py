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
            "title": "95 % lower greenhouse gas emissions by 2030 (compared with 2009)",
            "description": (
                "Oslo's climate strategy aims to cut direct greenhouse gas emissions in the city by "
                "95 % by 2030 compared with 2009, with an interim target of 52 % by 2023.\n\n"
                "The big cuts come from road traffic, construction machinery, heating and the "
                "waste-to-energy plant at Klemetsrud."
            ),
            "target_year": 2030,
            "baseline": "Direct emissions in Oslo in 2009",
            "sdgs": [13, 11],
            "targets": [
                (
                    "13.2",
                    1,
                    "Emissions down 95 % from the 2009 level",
                    "Direct emissions (Norwegian Environment Agency), at most 5 % of 2009",
                    2030,
                ),
                (
                    "11.2",
                    1,
                    "Road traffic down by a third from 2015",
                    "Vehicle kilometres in Oslo, at most two thirds of 2015",
                    2030,
                ),
                (
                    "11.6",
                    1,
                    "Fossil-free and emission-free construction sites",
                    "Share of the city's building sites that are emission-free: 100 %",
                    2025,
                ),
            ],
        },
        {
            "code": "green-biodiversity",
            "title": "More green space and biodiversity in every district",
            "description": (
                "Protect and restore nature in the city: no net loss of green space in the built-up "
                "zone, more trees, open streams and pollinator corridors in every district."
            ),
            "target_year": 2030,
            "baseline": "Green-space accounts for 2020",
            "sdgs": [15, 11],
            "targets": [
                (
                    "11.7",
                    1,
                    "No net loss of green space in the built-up zone",
                    "Area of public green space per district, never below 2020",
                    2030,
                ),
                (
                    "15.5",
                    1,
                    "A pollinator corridor through every district",
                    "Districts with a mapped and maintained corridor: 15 of 15",
                    2028,
                ),
            ],
        },
        {
            "code": "everyone-takes-part",
            "title": "A city where everyone can take part",
            "description": (
                "Residents of every district, age and background take part in shaping their "
                "neighbourhood, and the gains of the green shift are shared fairly."
            ),
            "target_year": 2030,
            "baseline": "Participation survey 2022",
            "sdgs": [10, 11],
            "targets": [
                (
                    "11.3",
                    1,
                    "Open co-creation in every district",
                    "At least two open co-creation processes per district a year",
                    2026,
                ),
                (
                    "10.2",
                    1,
                    "Participation that mirrors the population",
                    "Participants' age and background within 10 points of the district's",
                    2030,
                ),
            ],
        },
    ],
    "sodertorn": [
        {
            "code": "social-neighbourhoods",
            "title": "Socially sustainable neighbourhoods",
            "description": (
                "Narrow the gaps between Södertörn's neighbourhoods in income, health and trust, "
                "using the small-area knowledge base of Södertörnsmodellen."
            ),
            "target_year": 2030,
            "baseline": "Södertörnsanalysen 2018",
            "sdgs": [11, 10],
            "targets": [
                (
                    "10.2",
                    1,
                    "Fewer adults on a low income in every small area",
                    "Share of adults (20+) with low economic standard, down in every small area",
                    2030,
                ),
            ],
        },
        {
            "code": "green-300",
            "title": "Green access within 300 m for all",
            "description": (
                "Everyone in Södertörn should have a green area of at least one hectare "
                "within 300 metres of home."
            ),
            "target_year": 2030,
            "baseline": "Share of residents within 300 m of green space, 2018",
            "sdgs": [11],
            "targets": [
                (
                    "11.7",
                    1,
                    "Green space within 300 m of every home",
                    "Residents with green space within 300 m: 100 %",
                    2030,
                ),
            ],
        },
        {
            "code": "employment",
            "title": "Higher employment",
            "description": (
                "More people aged 20–64 in work in every municipality, and smaller gaps "
                "between neighbourhoods."
            ),
            "target_year": 2030,
            "baseline": "Employment rate 20–64, 2018",
            "sdgs": [8],
            "targets": [
                (
                    "8.5",
                    1,
                    "Employment rate of at least 80 % in every municipality",
                    "Employment rate 20–64 (Statistics Sweden), at least 80 %",
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
