"""The evaluation function on a small labelled set, and the demo's labelled set as a floor."""

import pytest

from apps.matching.evaluation import evaluate
from apps.matching.scoring import Item, MatchIndex, precision_at_k

SMALL = """
initiatives:
  - {slug: garden, title: Hage på Tøyen, summary: stauder og plantekasser, goals: [green],
     competences: [gardening], needs: [jord]}
  - {slug: bikes, title: Sykkelverksted, summary: verktøy og reservedeler, goals: [climate],
     competences: [mobility], needs: []}
  - {slug: benches, title: Benker i Sagene, summary: gjenbrukt tre, goals: [], competences: [carpentry]}
personas:
  - {email: g@x, competences: [gardening], place: Tøyen, text: stauder, part_of: [], relevant: [garden]}
  - {email: c@x, competences: [carpentry], place: Sagene, text: tre, part_of: [], relevant: [benches, bikes]}
  - {email: n@x, competences: [], place: "", text: "", part_of: [], relevant: [bikes]}
"""


def test_precision_on_a_small_labelled_set(tmp_path):
    labels = tmp_path / "labels.yaml"
    labels.write_text(SMALL, encoding="utf-8")
    result = evaluate(labels)
    assert result["personas"] == 3
    # g: garden only, a hit (1.0); c: benches only, a hit (1.0); n: nothing shown (0.0).
    assert result["per_persona"] == {"g@x": 1.0, "c@x": 1.0, "n@x": 0.0}
    assert result["precision_at_5"] == pytest.approx(0.667, abs=0.001)
    assert result["strict_precision_at_5"] == pytest.approx(round(2 / 15, 3))
    assert result["recall_at_5"] == pytest.approx(round((1 + 0.5 + 0) / 3, 3))


def test_the_demo_set_is_measured_and_holds_its_floor():
    result = evaluate()
    assert result["personas"] >= 8
    assert result["precision_at_5"] >= 0.6
    assert result["recall_at_5"] >= 0.7


def test_precision_at_k():
    assert precision_at_k(["a", "b", "c"], {"a", "c"}, k=5) == pytest.approx(0.4)
    assert precision_at_k([], {"a"}) == 0.0


def test_ranking_is_stable_and_excludes():
    index = MatchIndex([Item(1, text="hage"), Item(2, text="hage"), Item(3, text="sykkel")])
    assert [m.key for m in index.rank(Item("q", text="hage"))] == [1, 2]
    assert [m.key for m in index.rank(Item("q", text="hage"), exclude=[1])] == [2]
    assert MatchIndex([]).rank(Item("q", text="hage")) == []


def test_the_bench_measures_small_numbers_quickly():
    from bench import matching_bench

    numbers = matching_bench.measure(initiatives=500, members=800, queries=10)
    assert numbers["member_p95_ms"] < 200
    assert 0 <= numbers["precision_at_5"] <= 1
