"""The finder's measured quality: precision and recall on a labelled set, computed from what the
site's finder proposes (reported by make bench)."""

import yaml

from apps.consolidation.evaluation import evaluate, load


def test_the_labelled_set_is_measured_pair_by_pair():
    result = evaluate()
    labelled = len(load()["overlaps"])
    assert result["labelled"] == labelled
    found = labelled - len(result["missed"])
    assert result["recall"] == round(found / labelled, 3)
    assert result["precision"] == round(found / result["proposed"], 3)


def test_a_wrong_label_shows_as_a_miss_and_a_wrong_pair(tmp_path):
    data = load()
    # Say the play street and the bicycle workshop overlap, and the two courtyards do not.
    data["overlaps"] = [pair for pair in data["overlaps"] if "toyen-courtyard" not in pair]
    data["overlaps"].append(["sagene-play-street", "valerenga-bikes"])
    path = tmp_path / "labels.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = evaluate(path)
    assert ["sagene-play-street", "valerenga-bikes"] in result["missed"]
    assert ["hagegata-courtyard", "toyen-courtyard"] in result["wrong"]
    assert result["precision"] < 1 and result["recall"] < 1
