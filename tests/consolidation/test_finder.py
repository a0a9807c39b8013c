"""The finder: reasons, the queue never gets a pair twice or a dismissed pair back, and the
prefilter does not compare all pairs."""

import itertools
import random

import pytest
from django.core.management import call_command

from apps.consolidation import finder, services, tasks
from apps.consolidation.finder import Item, Stats
from apps.consolidation.models import OverlapPair


def test_a_near_pair_with_shared_goal_and_words_is_queued_with_its_reasons(oslo, toyen, hagegata, far_away):
    created = services.find_overlaps(hub=oslo)
    assert len(created) == 1
    pair = created[0]
    assert (pair.first_id, pair.second_id) == tuple(sorted((toyen.pk, hagegata.pk)))
    assert 100 < pair.reasons["distance_m"] < 200
    assert pair.reasons["shared_goals"] == ["Grønne byrom"]
    assert {"trær", "benk", "nabo"} <= set(pair.reasons["shared_words"])
    assert pair.score >= finder.THRESHOLD


def test_the_score_follows_the_stated_formula():
    a = Item(1, "park benk", lon=10.0, lat=60.0, goals={"g": "G"})
    b = Item(2, "park benk", lon=10.0, lat=60.0, goals={"g": "G"})
    (found,) = finder.find([a, b])
    parts = found.reasons["parts"]
    assert parts == {"place": 1.0, "goals": 1.0, "text": 1.0}
    assert found.score == pytest.approx(1.0)


def test_overlapping_polygons_are_zero_metres_apart():
    square = {
        "type": "Polygon",
        "coordinates": [[[10, 60], [10.01, 60], [10.01, 60.01], [10, 60.01], [10, 60]]],
    }
    other = {
        "type": "Polygon",
        "coordinates": [[[10.005, 60.005], [10.02, 60.005], [10.02, 60.02], [10.005, 60.005]]],
    }
    (found,) = finder.find([Item(1, "lek", place=square), Item(2, "lek", place=other)])
    assert found.reasons["distance_m"] == 0


def test_initiatives_without_a_place_in_the_same_area_count_as_near():
    (found,) = finder.find(
        [
            Item(1, "skole hage", area_id=5, goals={"g": "G"}),
            Item(2, "hage skole elever", area_id=5, goals={"g": "G"}),
        ]
    )
    assert found.reasons["same_area"] is True


def test_far_apart_and_unrelated_initiatives_are_not_proposed():
    assert (
        finder.find([Item(1, "sykkel", lon=10.0, lat=60.0), Item(2, "bibliotek", lon=10.5, lat=60.0)]) == []
    )


def test_a_pair_is_stored_once_and_a_dismissed_pair_never_comes_back(oslo, stella, toyen, hagegata):
    (pair,) = services.find_overlaps(hub=oslo)
    assert services.find_overlaps(hub=oslo) == []
    services.pair_dismiss(pair=pair, actor=stella, reason="To ulike gårder.")
    assert services.find_overlaps(hub=oslo) == []
    call_command("find_overlaps", "oslo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert tasks.find_overlaps("oslo") == 0
    assert OverlapPair.objects.count() == 1
    assert OverlapPair.objects.get().status == "dismissed"


def test_merged_initiatives_are_left_out_of_new_searches(oslo, stella, toyen, hagegata, olga):
    from .conftest import make_initiative

    services.initiative_merge(hub=oslo, merged=hagegata, into=toyen, actor=stella)
    make_initiative(
        oslo, olga, "gardsrom-3", "Grønt gårdsrom", "Naboene planter trær og lager benker.", 10.7683, 59.9149
    )
    created = services.find_overlaps(hub=oslo)
    assert all(hagegata.pk not in (p.first_id, p.second_id) for p in created)


def test_the_prefilter_scores_a_small_share_of_all_pairs():
    rng = random.Random(7)
    words = ["".join(w) for w in itertools.islice(itertools.product("abcdefghijklmnop", repeat=4), 4000)]
    items = [
        Item(
            i,
            " ".join(rng.choices(words, k=12)),
            lon=10.5 + rng.random() * 0.5,
            lat=59.8 + rng.random() * 0.2,
        )
        for i in range(3000)
    ]
    # One real duplicate hidden among them, far apart but with the same goal and words.
    items.append(Item(5000, "Grønn gårdsplass med trær og benker", lon=10.0, lat=59.0, goals={"g": "G"}))
    items.append(
        Item(5001, "Grønn gårdsplass med trær og benker for naboer", lon=11.0, lat=60.5, goals={"g": "G"})
    )
    stats = Stats()
    found = finder.find(items, stats=stats)
    all_pairs = len(items) * (len(items) - 1) // 2
    assert stats.candidates < all_pairs / 20
    assert any((f.first, f.second) == (5000, 5001) for f in found)
