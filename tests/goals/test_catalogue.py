"""The UN catalogue: counts from the YAML, Norwegian and Swedish titles, English fallback, reloads."""

import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import translation

from apps.goals.catalogue import load_catalogue
from apps.goals.models import SDG_COLOURS, SdgGoal, SdgIndicator, SdgTarget

DATA = Path(settings.BASE_DIR) / "data" / "sdg"

pytestmark = pytest.mark.django_db


def yaml_keys(pattern: str) -> int:
    data = yaml.safe_load((DATA / "en" / "global_indicators.yml").read_text(encoding="utf-8"))
    return sum(1 for key in data if re.fullmatch(pattern, key))


def test_the_migration_loads_the_whole_catalogue():
    assert SdgGoal.objects.count() == 17
    assert SdgTarget.objects.count() == 169
    assert SdgIndicator.objects.count() == yaml_keys(r"\d+-[0-9a-z]+-[0-9a-z]+-title") > 200


def test_codes_and_structure():
    goal = SdgGoal.objects.get(number=11)
    assert goal.short_en == "Sustainable cities and communities"
    codes = list(SdgTarget.objects.filter(goal__number=17).values_list("code", flat=True))
    assert codes[:2] == ["17.1", "17.2"] and codes[-1] == "17.19" and codes.index("17.10") == 9
    letters = list(SdgTarget.objects.filter(goal=11).values_list("code", flat=True))
    assert letters[-3:] == ["11.a", "11.b", "11.c"]
    indicator = SdgIndicator.objects.select_related("target").get(code="11.7.1")
    assert indicator.target.code == "11.7"
    assert "open space" in indicator.title_en
    assert set(SDG_COLOURS) == set(range(1, 18))


def test_norwegian_and_swedish_titles_and_english_fallback():
    goal = SdgGoal.objects.get(number=13)
    target = SdgTarget.objects.get(code="11.7")
    indicator = SdgIndicator.objects.get(code="11.7.1")
    assert goal.title_nb and goal.short_nb == "Stoppe klimaendringene"
    assert SdgTarget.objects.exclude(title_nb="").count() == 169
    assert SdgGoal.objects.exclude(title_sv="").exclude(short_sv="").count() == 17
    assert SdgTarget.objects.exclude(title_sv="").count() == 169
    with translation.override("nb"):
        assert goal.short == "Stoppe klimaendringene"
        assert target.title == target.title_nb
    with translation.override("sv"):
        assert goal.short == goal.short_sv == "Bekämpa klimatförändringarna"
        assert target.title == target.title_sv and target.title.startswith("Till 2030")
        assert indicator.title == indicator.title_en  # no Swedish indicators yet
    with translation.override("en"):
        assert goal.title == goal.title_en
        assert target.title == target.title_en


def test_the_swedish_short_names_are_the_established_ones():
    names = list(SdgGoal.objects.order_by("number").values_list("short_sv", flat=True))
    assert names[:4] == [
        "Ingen fattigdom",
        "Ingen hunger",
        "Hälsa och välbefinnande",
        "God utbildning för alla",
    ]
    assert names[16] == "Genomförande och globalt partnerskap"


@pytest.mark.parametrize("directory", ["nb_NO", "sv"])
def test_translated_targets_read_like_the_official_style(directory):
    """Local corrections of the upstream Norwegian (data/sdg/README.md) and the Swedish: no "du"
    ("Innen 2030 må du …"), no word doubled with "og" ("beskytte og beskytte"), no two targets
    with the same text (1.a once repeated 1.5), no "Innen 2030," with an imperative."""
    data = yaml.safe_load((DATA / directory / "global_targets.yml").read_text(encoding="utf-8"))
    texts = {key: " ".join(value.split()) for key, value in data.items()}
    assert len(texts) == 169
    assert [k for k, v in texts.items() if re.search(r"\bdu\b", v)] == []
    assert [k for k, v in texts.items() if re.search(r"\b(\w+) og \1\b", v)] == []
    assert [k for k, v in texts.items() if re.match(r"(Innen|Till) 20\d\d,", v)] == []
    assert len(set(texts.values())) == len(texts)


def test_each_translation_says_where_it_comes_from():
    from apps.goals.catalogue import translation_source

    assert translation_source("sv").startswith("Svensk översättning av projektet Allmenning")
    assert "SCB/regeringen" in translation_source("sv")
    assert "Allmenning" in translation_source("nb")
    assert translation_source("en") == ""


def test_reload_is_idempotent_and_updates_in_place():
    before = dict(SdgTarget.objects.values_list("code", "pk"))
    summary = load_catalogue()
    assert summary.created == {"goals": 0, "targets": 0, "indicators": 0}
    assert summary.updated == {"goals": 0, "targets": 0, "indicators": 0}
    SdgGoal.objects.filter(number=11).update(short_en="changed")
    SdgIndicator.objects.filter(code="11.7.1").delete()
    summary = load_catalogue()
    assert summary.updated["goals"] == 1 and summary.created["indicators"] == 1
    assert SdgGoal.objects.get(number=11).short_en == "Sustainable cities and communities"
    assert dict(SdgTarget.objects.values_list("code", "pk")) == before
    assert SdgIndicator.objects.filter(code="11.7.1").exists()


def test_load_sdg_command_prints_a_summary():
    out = StringIO()
    call_command("load_sdg", stdout=out)
    assert "goals: 17 (0 new, 0 updated)" in out.getvalue()
    assert "targets: 169" in out.getvalue()


def test_load_sdg_from_another_path_keeps_languages_it_lacks(tmp_path):
    shutil.copytree(DATA / "en", tmp_path / "en")
    SdgGoal.objects.filter(number=1).update(title_nb="x", title_en="y")
    out = StringIO()
    call_command("load_sdg", str(tmp_path), stdout=out)
    goal = SdgGoal.objects.get(number=1)
    assert goal.title_en == "End poverty in all its forms everywhere"
    assert goal.title_nb == "x"
    assert "goals: 17 (0 new, 1 updated)" in out.getvalue()
    load_catalogue()


def test_load_sdg_without_data_fails_cleanly(tmp_path):
    with pytest.raises(CommandError):
        call_command("load_sdg", str(tmp_path / "nothing"), stdout=StringIO())
