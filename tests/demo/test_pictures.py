"""Pictures drawn by the project (apps.core.sketches), hub cards that show them, and concept
cards that never fall back to initials."""

from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from apps.core.sketches import ELEMENTS, map_thumbnail, sketch
from apps.demo.pictures import elements_for
from apps.participation.spaces import Space
from tests.surveys.conftest import make_vote


def test_a_sketch_is_a_png_and_the_same_for_the_same_seed():
    first = sketch(seed="gronn-gardsplass", elements=ELEMENTS, palette="oslo")
    assert first == sketch(seed="gronn-gardsplass", elements=ELEMENTS, palette="oslo")
    assert first != sketch(seed="lekegate", elements=ELEMENTS, palette="oslo")
    with Image.open(BytesIO(first)) as image:
        assert (image.format, image.size) == ("PNG", (960, 600))


@pytest.mark.parametrize(
    "geometry",
    [
        {"type": "Point", "coordinates": [10.77, 59.91]},
        {
            "type": "Polygon",
            "coordinates": [[[10.77, 59.91], [10.78, 59.91], [10.78, 59.92], [10.77, 59.91]]],
        },
        {"type": "LineString", "coordinates": [[10.77, 59.91], [10.78, 59.92]]},
        None,
        {"type": "Polygon", "coordinates": []},
    ],
)
def test_a_map_thumbnail_is_drawn_for_any_place_or_none(geometry):
    with Image.open(BytesIO(map_thumbnail(geometry=geometry, seed="x"))) as image:
        assert image.format == "PNG"


def test_each_initiative_gets_a_fitting_sketch():
    assert "benches" in elements_for("benker-av-gjenbrukt-tre-i-gamle-oslo")
    assert "bikes" in elements_for("cykelvag-till-haninge-centrum")
    assert "flowers" in elements_for("pollinatorpassasje-langs-akerselva")
    assert elements_for("noe-helt-annet")


@pytest.mark.django_db
def test_a_hub_card_shows_the_hubs_picture_with_its_text_alternative(client, oslo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    page = client.get("/").content.decode()
    assert "hub-band__initials" in page and "hub-band__image" not in page
    oslo.image.save("oslo.png", ContentFile(sketch(seed="oslo", elements=["trees"])), save=False)
    oslo.image_alt = "Tegning av en grønn byplass"
    oslo.save()
    page = client.get("/").content.decode()
    assert 'class="hub-band__image"' in page and 'alt="Tegning av en grønn byplass"' in page


@pytest.mark.django_db
def test_a_concept_without_a_picture_shows_a_text_card_not_initials(client, oslo, vic):
    vote = make_vote(Space(hub=oslo))
    client.force_login(vic)
    page = client.get(f"/oslo/surveys/votes/{vote.pk}/").content.decode()
    assert page.count('class="concept-card__image concept-card__text"') == 3
    assert "<span>Concept A</span>" in page
