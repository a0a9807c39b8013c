"""The measured quality of the overlap finder (issue 11, item 8).

`evaluate()` runs exactly the site's finder (`apps.consolidation.finder.find`) on the labelled
initiatives of `labels.yaml`, hub by hub and without a database, and answers a dict of numbers:
`precision` (the share of proposed pairs that are labelled overlaps), `recall` (the share of
labelled overlaps proposed), `proposed`, `labelled`, and the pairs missed and proposed wrongly
(by key), for reading the errors. `make bench` reports it in docs/performance.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from apps.consolidation.finder import Item, find

LABELS = Path(__file__).resolve().parent / "labels.yaml"


def load(path: Path | str = LABELS) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
    return data


def evaluate(path: Path | str = LABELS) -> dict[str, Any]:
    data = load(path)
    labelled = {frozenset(pair) for pair in data["overlaps"]}
    proposed: set[frozenset[str]] = set()
    for initiatives in data["hubs"].values():
        keys = [row["key"] for row in initiatives]
        items = [
            Item(
                id=number,
                text=row["text"],
                place={"type": "Point", "coordinates": [row["lon"], row["lat"]]},
                lon=row["lon"],
                lat=row["lat"],
                goals={str(goal): str(goal) for goal in row.get("goals", [])},
            )
            for number, row in enumerate(initiatives)
        ]
        for found in find(items):
            proposed.add(frozenset((keys[found.first], keys[found.second])))
    hits = proposed & labelled
    return {
        "precision": round(len(hits) / len(proposed), 3) if proposed else 0.0,
        "recall": round(len(hits) / len(labelled), 3) if labelled else 0.0,
        "proposed": len(proposed),
        "labelled": len(labelled),
        "missed": sorted(sorted(pair) for pair in labelled - proposed),
        "wrong": sorted(sorted(pair) for pair in proposed - labelled),
    }
