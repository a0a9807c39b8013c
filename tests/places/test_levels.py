"""Area level names in the reader's language: "Locality i municipality Botkyrka" no more."""

import pytest
from django.utils import translation

from apps.places import services
from apps.places.models import AreaLevel

pytestmark = pytest.mark.django_db


def test_known_levels_get_norwegian_and_swedish_names(sodertorn, levels):
    municipality = levels["municipality"]
    assert (municipality.name_nb, municipality.name_plural_nb) == ("Kommune", "Kommuner")
    assert (municipality.name_sv, municipality.name_plural_sv) == ("Kommun", "Kommuner")
    with translation.override("sv"):
        assert (municipality.label, municipality.label_plural) == ("Kommun", "Kommuner")
        assert str(levels["district"]) == "Stadsdel"
    with translation.override("nb"):
        assert (levels["district"].label, levels["district"].label_plural) == ("Bydel", "Bydeler")
    with translation.override("en"):
        assert (municipality.label, municipality.label_plural) == ("Municipality", "Municipalities")


def test_a_level_found_by_its_english_name_and_an_unknown_level_keeps_its_data_name(sodertorn):
    levels = services.area_levels_ensure(
        hub=sodertorn, levels=[("kommuner", "Municipality", ""), ("zz", "Planning zone", "Planning zones")]
    )
    with translation.override("sv"):
        assert levels["kommuner"].label == "Kommun"
        assert (levels["zz"].label, levels["zz"].label_plural) == ("Planning zone", "Planning zones")


def test_names_from_the_data_win_over_the_table_and_a_stewards_names_stay(sodertorn):
    levels = services.area_levels_ensure(
        hub=sodertorn,
        levels=[("basomrade", "Locality", "Localities")],
        translations={"basomrade": {"sv": ("Basområde", "")}},
    )
    level = levels["basomrade"]
    with translation.override("sv"):
        assert (level.label, level.label_plural) == ("Basområde", "Basområden")
    AreaLevel.objects.filter(pk=level.pk).update(name_nb="Nærområde", name_plural_nb="Nærområder")
    services.area_levels_ensure(hub=sodertorn, levels=[("basomrade", "Locality", "Localities")])
    level.refresh_from_db()
    assert (level.name_nb, level.name_plural_nb) == ("Nærområde", "Nærområder")


def test_area_level_ensure_names_a_new_level(sodertorn, levels):
    level = services.area_level_ensure(hub=sodertorn, slug="block")
    with translation.override("sv"):
        assert level.label == "Kvarter"


@pytest.mark.parametrize(
    ("language", "own", "parent", "english"),
    [("sv", "Stadsdel", "kommun", "District"), ("nb", "Bydel", "kommune", "District")],
)
def test_area_page_and_brief_name_levels_in_the_readers_language(
    client, grid, language, own, parent, english
):
    for url in ("/sodertorn/areas/D1/", "/sodertorn/areas/D1/brief/"):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert own in page and parent in page, url
        # The areas are named "District 1" …: the level's own name is what must not be English.
        assert f">{english}<" not in page and "municipality" not in page.lower(), url


def test_a_ddf_import_names_levels_from_the_packages_translations(sodertorn):
    from tests.knowledge.conftest import MINI, import_ddf

    import_ddf(MINI, sodertorn)
    levels = {level.slug: level for level in AreaLevel.objects.filter(hub=sodertorn)}
    assert (levels["municipality"].name, levels["municipality"].name_sv) == ("Municipality", "Kommun")
    assert levels["district"].name_nb == "Bydel"  # not in the package's lang/: from the table
    with translation.override("sv"):
        assert levels["municipality"].label_plural == "Kommuner"
