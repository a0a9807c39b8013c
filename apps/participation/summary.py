"""Input summary (C6): what people said in a space, by category, by place, by support, and the
themes found by clustering the text offline with scikit-learn.

Scope: an initiative's own ideas; an area's ideas together with those of the initiatives in that
area; the hub space takes every idea in the hub. Hidden ideas and comments are left out.

Themes: one document per idea (title, body and its comments), TF-IDF with a small Norwegian,
Swedish and English stop-word list, KMeans for k = 2 … 6 with k chosen by the silhouette score,
each theme labelled by its top terms and its most central idea. Deterministic (fixed
random_state, ideas in id order). Below MIN_TEXTS ideas nothing is clustered. The result is
cached per scope, keyed by the latest idea/comment time and the counts (a hidden idea changes
them).
"""

from __future__ import annotations

import hashlib
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Max, Q, QuerySet
from django.utils.translation import gettext as _

from apps.participation.models import Category, Comment, Idea
from apps.participation.spaces import Space
from apps.residents import selectors as resident_selectors

MIN_TEXTS = 6
MAX_K = 6
RANDOM_STATE = 0
CACHE_SECONDS = 60 * 60 * 24

# A small stop-word list for Norwegian, Swedish and English: words that say nothing about a theme.
_STOP_TEXT = """
og i på til for med som er det den de en et av å at har ikke om men kan vi jeg du seg så
fra var vil skal ble blir bli eller være nå også her der da når hva hvor hvem alle
mer mye meg oss dere deg sin sitt sine min mitt mine vår vårt våre noe noen andre annen
ved over under etter før inn ut opp ned bare kun litt godt god gode bra veldig enn slik
hvis fordi mellom mot uten hele helt kanskje gjerne ønsker ønske bør må mange flere få
dette disse denne ett to tre nok både sammen trenger trengs the
och att som en ett är för med inte på av till den det de har om vi jag du sig så från
var vill ska blir bli eller vara nu också här där då när vad vilka alla mer mycket mig
oss er dig sin sitt sina min mitt mina vår vårt våra något några andra annan vid över
efter innan ut upp ner bara lite gott bra väldigt än sådan eftersom mellan mot utan
hela kanske gärna önskar önskan bör måste många fler få denna dessa detta två tre både behöver
a an and or of to in on for with is are was were be been it this that these those we
i you he she they them our us my your its at by from as not no but so if then than
there here what which who when where why how all any more most some such can could
should would will may might must do does did have has had just also very too into out
up down over under again about like get make one two three new need
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())


@dataclass
class Theme:
    label: str
    terms: list[str]
    size: int
    central: Idea
    ideas: list[Idea]


def scope_filter(space: Space) -> Q:
    """Which ideas a space's summary covers (see the module's docstring)."""
    if space.initiative is not None:
        return Q(hub=space.hub, initiative=space.initiative)
    if space.area is not None:
        return Q(hub=space.hub, area=space.area) | Q(hub=space.hub, initiative__area=space.area)
    return Q(hub=space.hub)


def summary_ideas(space: Space) -> QuerySet[Idea]:
    return (
        Idea.objects.filter(scope_filter(space), status=Idea.Status.VISIBLE)
        .select_related("hub", "initiative", "area")
        .order_by("pk")
    )


def _fingerprint(space: Space) -> str:
    ideas = Idea.objects.filter(scope_filter(space), status=Idea.Status.VISIBLE)
    idea_row = ideas.aggregate(latest=Max("created"), n=Count("pk"))
    comment_row = Comment.objects.filter(idea__in=ideas, hidden=False).aggregate(
        latest=Max("created"), n=Count("pk")
    )
    raw = f"{idea_row['latest']}|{idea_row['n']}|{comment_row['latest']}|{comment_row['n']}"
    return hashlib.sha1(raw.encode(), usedforsecurity=False).hexdigest()[:16]


def documents(ideas: list[Idea]) -> list[str]:
    """One text per idea: its title (three times: titles say the most), its body (twice) and its
    visible comments (once: short replies like "agreed, ask the municipality" recur everywhere)."""
    comments: dict[int, list[str]] = {}
    for idea_id, body in (
        Comment.objects.filter(idea__in=[i.pk for i in ideas], hidden=False)
        .order_by("pk")
        .values_list("idea_id", "body")
    ):
        comments.setdefault(idea_id, []).append(body)
    return [" ".join([i.title, i.title, i.title, i.body, i.body, *comments.get(i.pk, [])]) for i in ideas]


def cluster(texts: list[str], *, max_k: int = MAX_K) -> tuple[list[int], list[list[str]], list[int]] | None:
    """Cluster `texts`: (label of each text, top terms of each cluster, index of each cluster's
    most central text), or None when there are too few texts or words to cluster."""
    if len(texts) < MIN_TEXTS:
        return None
    import numpy as np
    from sklearn.cluster import KMeans
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics import silhouette_score

    vectorizer = TfidfVectorizer(
        stop_words=sorted(STOP_WORDS),
        token_pattern=r"(?u)\b[^\W\d_]{3,}\b",  # noqa: S106 - a regular expression # nosec B106
        min_df=1,
    )
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError:  # no words left after the stop words
        return None
    dense = matrix.toarray()
    distinct = len({row.tobytes() for row in dense})
    if matrix.shape[1] < 2 or distinct < 3:
        return None
    best: tuple[float, int, Any] | None = None
    for k in range(2, min(max_k, len(texts) - 1, distinct - 1) + 1):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            model = KMeans(n_clusters=k, random_state=RANDOM_STATE, n_init=10).fit(matrix)
        if len(set(model.labels_)) < 2:
            continue
        score = float(silhouette_score(matrix, model.labels_, metric="cosine"))
        if best is None or score > best[0] + 1e-9:
            best = (score, k, model)
    if best is None:
        return None
    model = best[2]
    terms = vectorizer.get_feature_names_out()
    labels = [int(label) for label in model.labels_]
    top_terms: list[list[str]] = []
    central: list[int] = []
    for c in range(best[1]):
        centre = model.cluster_centers_[c]
        order = np.argsort(-centre, kind="stable")[:4]
        top_terms.append([str(terms[t]) for t in order if centre[t] > 0])
        members = [i for i, label in enumerate(labels) if label == c]
        similarity = dense[members] @ centre
        central.append(members[int(np.argmax(similarity))] if members else -1)
    return labels, top_terms, central


def themes(space: Space, ideas: list[Idea] | None = None) -> dict[str, Any]:
    """The space's themes (cached): {"themes": [Theme …], "note": text or ""}."""
    ideas = list(summary_ideas(space)) if ideas is None else ideas
    if len(ideas) < MIN_TEXTS:
        return {
            "themes": [],
            "note": _("Themes are found once there are at least %(n)d ideas; there are %(count)d so far.")
            % {"n": MIN_TEXTS, "count": len(ideas)},
        }
    key = f"participation:themes:{space.hub.pk}:{space.key}:{_fingerprint(space)}"
    result = cache.get(key)
    if result is None:
        result = cluster(documents(ideas))
        cache.set(key, result or "none", CACHE_SECONDS)
    if not result or result == "none":
        return {"themes": [], "note": _("The ideas have too few words in common to find themes.")}
    labels, top_terms, central = result
    found = []
    for c, terms in enumerate(top_terms):
        members = [ideas[i] for i, label in enumerate(labels) if label == c]
        if not members:
            continue
        found.append(
            Theme(
                label=", ".join(terms[:3]),
                terms=terms,
                size=len(members),
                central=ideas[central[c]],
                ideas=members,
            )
        )
    found.sort(key=lambda t: (-t.size, t.central.pk))
    return {"themes": found, "note": ""}


def by_category(space: Space) -> list[dict[str, Any]]:
    labels = dict(Category.choices)
    rows = (
        Idea.objects.filter(scope_filter(space), status=Idea.Status.VISIBLE)
        .values("category")
        .annotate(n=Count("pk"))
        .order_by("-n", "category")
    )
    return [
        {"category": r["category"], "label": labels.get(r["category"]) or _("No category"), "count": r["n"]}
        for r in rows
    ]


# What people marked on the map in a space, by category. The map input app, above participation
# in the app graph, adds its counts with `register_place_counts` in its AppConfig.ready(); each
# counter takes the scope's filter and returns rows of {"label", "colour", "count"}.
PlaceCounter = Callable[[Q], list[dict[str, Any]]]
_PLACE_COUNTERS: dict[str, PlaceCounter] = {}


def register_place_counts(key: str, counter: PlaceCounter) -> None:
    _PLACE_COUNTERS[key] = counter


def by_place(space: Space) -> list[dict[str, Any]] | None:
    """Marks in the scope by category, or None when no app counts places."""
    if not _PLACE_COUNTERS:
        return None
    scope = scope_filter(space)
    return [row for counter in _PLACE_COUNTERS.values() for row in counter(scope)]


def idea_author_groups(space: Space) -> list[dict[str, str]]:
    """The resident groups of the people who shared visible ideas here, one snapshot each."""
    authors = (
        Idea.objects.filter(scope_filter(space), status=Idea.Status.VISIBLE, author__isnull=False)
        .order_by()
        .values_list("author_id", flat=True)
        .distinct()
    )
    return list(resident_selectors.snapshots_of(hub=space.hub, person_ids=list(authors)).values())


def by_group(space: Space) -> list[Any]:
    """The people who shared ideas here, by resident group (when the hub asks), small counts
    suppressed, beside the population where the knowledge data has it."""
    if not resident_selectors.groups_enabled(hub=space.hub):
        return []
    authors = (
        Idea.objects.filter(scope_filter(space), status=Idea.Status.VISIBLE, author__isnull=False)
        .order_by()
        .values_list("author_id", flat=True)
        .distinct()
    )
    snapshots = resident_selectors.snapshots_of(hub=space.hub, person_ids=list(authors))
    return resident_selectors.breakdowns(hub=space.hub, items=[(g, None) for g in snapshots.values()])


def summary(space: Space) -> dict[str, Any]:
    """Everything the summary page, the brief section and the API show."""
    ideas = list(summary_ideas(space))
    counts = Idea.objects.filter(scope_filter(space), status=Idea.Status.VISIBLE).aggregate(
        authors=Count("author", distinct=True)
    )
    top = sorted(ideas, key=lambda i: (-i.support_count, -i.comment_count, i.pk))[:5]
    return {
        "space": space,
        "counts": {
            "ideas": len(ideas),
            "comments": sum(i.comment_count for i in ideas),
            "supports": sum(i.support_count for i in ideas),
            "authors": counts["authors"],
        },
        "categories": by_category(space),
        "places": by_place(space),
        "top": top,
        **themes(space, ideas),
    }
