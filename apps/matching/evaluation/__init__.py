"""The measured quality of member → initiative suggestions (issue 11, item 8).

`evaluate()` ranks the initiatives of `labels.yaml` for each persona with exactly the scoring the
site uses (`apps.matching.scoring`), without a database, and answers a dict of numbers:

- `precision_at_5`: the mean over personas of the share of relevant initiatives among the
  suggestions shown in the first five (those shown: at most five; a persona with no suggestion
  counts 0),
- `strict_precision_at_5`: the same with five always in the denominator (the textbook P@5; with
  seven demo initiatives and two or three relevant per persona it cannot reach 1),
- `recall_at_5`: the mean share of each persona's relevant initiatives found in the first five,
- `personas`, and `per_persona` (e-mail → precision, for reading the misses).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from apps.matching.scoring import Item, MatchIndex, normalise, places_in

LABELS = Path(__file__).resolve().parent / "labels.yaml"
K = 5


def load(path: Path | str = LABELS) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
    return data


def evaluate(path: Path | str = LABELS, k: int = K) -> dict[str, Any]:
    data = load(path)
    places = {normalise(p["place"]) for p in data["personas"] if p.get("place")}
    initiatives = data["initiatives"]
    goals = {i["slug"]: frozenset(i.get("goals") or ()) for i in initiatives}
    items = [
        Item(
            key=i["slug"],
            competences=frozenset(i.get("competences") or ()),
            places=places_in(f"{i['title']} {i.get('summary', '')}", places),
            goals=goals[i["slug"]],
            text=" ".join(
                [i["title"], i.get("summary", ""), i.get("description", ""), *(i.get("needs") or [])]
            ),
        )
        for i in initiatives
    ]
    index = MatchIndex(items)
    per_persona: dict[str, float] = {}
    strict: list[float] = []
    recall: list[float] = []
    for persona in data["personas"]:
        part_of = set(persona.get("part_of") or ())
        query = Item(
            key=persona["email"],
            competences=frozenset(persona.get("competences") or ()),
            places=places_in(persona.get("place", ""), places),
            goals=frozenset(g for slug in part_of for g in goals.get(slug, ())),
            text=persona.get("text", ""),
        )
        shown = [m.key for m in index.rank(query, limit=k, exclude=part_of)]
        relevant = set(persona["relevant"])
        hits = sum(1 for key in shown if key in relevant)
        per_persona[persona["email"]] = hits / len(shown) if shown else 0.0
        strict.append(hits / k)
        recall.append(hits / len(relevant) if relevant else 0.0)
    n = len(per_persona) or 1
    return {
        "personas": len(per_persona),
        "precision_at_5": round(sum(per_persona.values()) / n, 3),
        "strict_precision_at_5": round(sum(strict) / n, 3),
        "recall_at_5": round(sum(recall) / n, 3),
        "per_persona": {email: round(value, 3) for email, value in per_persona.items()},
    }
