"""Finding initiatives that overlap, offline (no cloud service): place, shared goals, similar text.

The score of a pair is

    score = 0.40 · place + 0.25 · goals + 0.35 · text          (each part between 0 and 1)

- place: 1 − d / 1000 m for the distance d between the two places (0 when the points are 1 km or
  more apart; the distance between polygons is 0 when they touch or overlap, measured with shapely
  in metres on a local equirectangular projection). When one of them has no place, 0.5 if both
  lie in the same area, else 0.
- goals: the shared goal tags over the smaller number of tags (0 if either has none).
- text: the cosine of the TF-IDF vectors (scikit-learn) of title + summary + description, with a
  simple tokeniser for Norwegian, Swedish and English (lower case, words of three letters or more,
  a short list of common words left out, a light suffix trim).

A pair goes into the queue when its score is at least `THRESHOLD` (0.45).

It scales without comparing all pairs. A pair can only reach the threshold in one of three ways,
and the candidates are exactly the union of those (then scored):
1. their places are within 1 km: a grid of 1 km cells (each geometry registered in the cells its
   bounding box covers) gives the pairs in the same or neighbouring cells;
2. one has no place and they share an area: grouped by area;
3. otherwise place = 0 and goals ≤ 1, so text must be ≥ (0.45 − 0.25) / 0.35 ≈ 0.57: the TF-IDF
   neighbours with cosine ≥ `TEXT_FLOOR` (0.2, a safe margin), found by sparse products in blocks.
Shared goals alone (0.25) can never reach the threshold, so goals need no prefilter of their own.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import shapely
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry
from sklearn.feature_extraction.text import TfidfVectorizer

W_PLACE, W_GOALS, W_TEXT = 0.40, 0.25, 0.35
THRESHOLD = 0.45
NEAR_M = 1000.0
SAME_AREA = 0.5
TEXT_FLOOR = 0.2
BLOCK = 500
EARTH_M = 6_371_000.0

_COMMON = (
    "and are but for from has have her his its not our that the their them then there these they "
    "this was were what when where which who will with you your into about over also can all "
    "och att det som för med den till har inte var ett ska kan man vid från eller där här "
    "sig sin han hon men mot under efter också alla våra vår vårt "
    "og er det som for med den til har ikke var skal kan vil ved fra eller der her seg sin han hun "
    "men mot under etter også alle våre vår vårt være blir ble som hvor hva mer enn nye"
)
STOPWORDS = frozenset(_COMMON.split())
SUFFIXES = ("ene", "ane", "erna", "arna", "orna", "heten", "het", "er", "en", "et", "ar", "or", "na")
WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)


def tokens(text: str) -> list[str]:
    out = []
    for word in WORD.findall(text.lower()):
        if word in STOPWORDS:
            continue
        for suffix in SUFFIXES:
            if len(word) - len(suffix) >= 4 and word.endswith(suffix):
                word = word[: -len(suffix)]
                break
        out.append(word)
    return out


@dataclass
class Item:
    """What the finder knows of one initiative."""

    id: int
    text: str
    place: dict | None = None
    lon: float | None = None
    lat: float | None = None
    area_id: int | None = None
    goals: dict[str, str] = field(default_factory=dict)  # key → label


@dataclass
class Found:
    first: int
    second: int
    score: float
    reasons: dict[str, Any]


@dataclass
class Stats:
    initiatives: int = 0
    candidates: int = 0
    proposed: int = 0


def _geometry(item: Item) -> BaseGeometry | None:
    if isinstance(item.place, dict) and item.place.get("type") in {"Point", "Polygon", "MultiPolygon"}:
        try:
            geom = shape(item.place)
            if not geom.is_empty and geom.is_valid:
                return geom
        except (ValueError, TypeError, AttributeError, KeyError, IndexError):
            pass  # a broken stored place falls back to the point
    if item.lon is not None and item.lat is not None:
        return Point(item.lon, item.lat)
    return None


def _project(geoms: dict[int, BaseGeometry | None]) -> dict[int, BaseGeometry | None]:
    """Every geometry in metres, on one local equirectangular projection around the items' middle
    latitude (exact enough within a city or a region)."""
    lats = [g.centroid.y for g in geoms.values() if g is not None]
    lat0 = math.radians(sum(lats) / len(lats)) if lats else 0.0
    kx, ky = math.cos(lat0) * math.pi / 180 * EARTH_M, math.pi / 180 * EARTH_M

    scale = np.array([kx, ky])
    return {
        key: (shapely.transform(g, lambda coords: coords * scale) if g is not None else None)
        for key, g in geoms.items()
    }


def candidate_pairs(
    items: list[Item], geoms: dict[int, BaseGeometry | None], matrix: Any
) -> set[tuple[int, int]]:
    """The pairs (indexes into `items`, lower first) that could reach the threshold. `geoms` are
    in metres (see `_project`)."""
    pairs: set[tuple[int, int]] = set()
    grid: dict[tuple[int, int], list[int]] = defaultdict(list)
    spans: dict[int, tuple[int, int, int, int]] = {}
    for index, item in enumerate(items):
        geom = geoms[item.id]
        if geom is not None:
            minx, miny, maxx, maxy = geom.bounds
            span = (
                math.floor(minx / NEAR_M),
                math.floor(miny / NEAR_M),
                math.floor(maxx / NEAR_M),
                math.floor(maxy / NEAR_M),
            )
            spans[index] = span
            for i in range(span[0], span[2] + 1):
                for j in range(span[1], span[3] + 1):
                    grid[(i, j)].append(index)
    for index, span in spans.items():
        for i in range(span[0] - 1, span[2] + 2):
            for j in range(span[1] - 1, span[3] + 2):
                for other in grid.get((i, j), ()):
                    if other > index:
                        pairs.add((index, other))
    by_area: dict[int, list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        if item.area_id is not None:
            by_area[item.area_id].append(index)
    for members in by_area.values():
        for x in members:
            if geoms[items[x].id] is None:
                pairs.update((min(x, y), max(x, y)) for y in members if y != x)
    if matrix is not None:
        for start in range(0, matrix.shape[0], BLOCK):
            sims = (matrix[start : start + BLOCK] @ matrix.T).tocoo()
            keep = sims.data >= TEXT_FLOOR
            for row, col in zip(sims.row[keep], sims.col[keep], strict=True):
                x = start + int(row)
                if x < col:
                    pairs.add((x, int(col)))
    return pairs


def find(items: list[Item], *, stats: Stats | None = None) -> list[Found]:
    """Every pair of `items` scoring at least THRESHOLD, best first, with its reasons."""
    stats = stats if stats is not None else Stats()
    stats.initiatives = len(items)
    if len(items) < 2:
        return []
    geoms = _project({item.id: _geometry(item) for item in items})
    vectorizer = TfidfVectorizer(tokenizer=tokens, lowercase=False, token_pattern=None, sublinear_tf=True)
    try:
        matrix = vectorizer.fit_transform([item.text for item in items]).tocsr()
        vocabulary = vectorizer.get_feature_names_out()
    except ValueError:  # no words at all
        matrix, vocabulary = None, None
    pairs = sorted(candidate_pairs(items, geoms, matrix))
    stats.candidates = len(pairs)
    texts = [0.0] * len(pairs)
    if matrix is not None and pairs:
        xs = [x for x, _ in pairs]
        ys = [y for _, y in pairs]
        texts = [float(v) for v in np.asarray(matrix[xs].multiply(matrix[ys]).sum(axis=1)).ravel()]
    found = []
    for (x, y), text in zip(pairs, texts, strict=True):
        a, b = items[x], items[y]
        reasons: dict[str, Any] = {}
        place = 0.0
        ga, gb = geoms[a.id], geoms[b.id]
        if ga is not None and gb is not None:
            metres = float(ga.distance(gb))
            reasons["distance_m"] = round(metres)
            place = max(0.0, 1 - metres / NEAR_M)
        elif a.area_id is not None and a.area_id == b.area_id:
            reasons["same_area"] = True
            place = SAME_AREA
        shared = sorted(set(a.goals) & set(b.goals))
        goals = len(shared) / min(len(a.goals), len(b.goals)) if shared else 0.0
        score = W_PLACE * place + W_GOALS * goals + W_TEXT * text
        if score < THRESHOLD:
            continue
        reasons["shared_goals"] = [a.goals[key] for key in shared]
        reasons["shared_words"] = _shared_words(matrix, vocabulary, x, y)
        reasons["parts"] = {"place": round(place, 3), "goals": round(goals, 3), "text": round(text, 3)}
        first, second = sorted((a.id, b.id))
        found.append(Found(first=first, second=second, score=round(score, 4), reasons=reasons))
    found.sort(key=lambda f: (-f.score, f.first, f.second))
    stats.proposed = len(found)
    return found


def _shared_words(matrix: Any, vocabulary: Any, x: int, y: int) -> list[str]:
    """The words both texts use, the most telling first (at most eight)."""
    if matrix is None:
        return []
    ra, rb = matrix.getrow(x), matrix.getrow(y)
    weight_a = dict(zip(ra.indices, ra.data, strict=True))
    common = [(weight_a[k] * w, k) for k, w in zip(rb.indices, rb.data, strict=True) if k in weight_a]
    common.sort(key=lambda t: (-t[0], str(vocabulary[t[1]])))
    return [str(vocabulary[k]) for _, k in common[:8]]
