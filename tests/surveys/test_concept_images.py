"""A concept's image is kept in private storage under an unguessable name and comes back
through its own address, which asks `surveys.view_vote`: a draft vote's images only for its
organisers (403 for everyone else, as for the vote), an open or closed vote's for anyone."""

import importlib
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.surveys import services
from apps.surveys.models import Concept, Status
from tests.private_files import assert_not_public, assert_served_inline
from tests.surveys.conftest import make_vote, png_bytes


@pytest.fixture
def draft(space):
    return make_vote(space, status=Status.DRAFT, concepts=0)


@pytest.fixture
def concept(draft, stella):
    image = SimpleUploadedFile("yard.png", png_bytes(), content_type="image/png")
    return services.concept_add(
        vote=draft, actor=stella, title="Green", image=image, image_alt="A green yard"
    )


def test_a_concept_image_has_an_unguessable_name(concept, draft):
    assert re.fullmatch(
        rf"surveys/concepts/{draft.pk}/[0-9a-f]{{32}}/[0-9a-f]{{32}}\.png", concept.image.name
    )


def test_a_draft_votes_images_are_for_its_organisers(client, concept, draft, stella, olga, tom):
    address = concept.image_url
    assert address == f"/oslo/surveys/votes/{draft.pk}/concepts/{concept.pk}/image/"
    for who in (stella, olga, tom):
        client.force_login(who)
        assert_served_inline(client.get(address), concept.image, public=False)


def test_a_draft_votes_images_are_refused_to_everyone_else(client, concept, mia, vic, sven):
    assert client.get(concept.image_url).status_code == 403  # anonymous
    for who in (mia, vic, sven):
        client.force_login(who)
        assert client.get(concept.image_url).status_code == 403, who


def test_an_open_votes_images_are_public(client, concept, draft, sven):
    draft.status = Status.OPEN
    draft.save(update_fields=["status"])
    assert_served_inline(client.get(concept.image_url), concept.image, public=True)
    client.force_login(sven)
    assert_served_inline(client.get(concept.image_url), concept.image, public=True)
    page = client.get(f"/oslo/surveys/votes/{draft.pk}/").content.decode()
    assert concept.image_url in page and "/media/" not in page


def test_only_a_concept_with_an_image_of_this_vote_answers(client, concept, draft, stella, space):
    client.force_login(stella)
    other = make_vote(space, status=Status.OPEN, concepts=1)
    plain = other.concepts.get()
    assert client.get(f"/oslo/surveys/votes/{other.pk}/concepts/{concept.pk}/image/").status_code == 404
    assert client.get(f"/oslo/surveys/votes/{other.pk}/concepts/{plain.pk}/image/").status_code == 404
    assert client.get(f"/sodertorn/surveys/votes/{draft.pk}/concepts/{concept.pk}/image/").status_code == 404


def test_the_image_is_not_reachable_under_media(client, concept):
    assert_not_public(client, concept.image)


def test_the_migration_moves_old_public_concept_images_and_gives_them_unguessable_names(draft, settings):
    """Before, a concept image was `surveys/concepts/<uuid>.png` under MEDIA_ROOT."""
    from django.apps import apps

    migration = importlib.import_module("apps.surveys.migrations.0004_private_concept_images")
    old = "surveys/concepts/0123456789abcdef0123456789abcdef.png"
    (Path(settings.MEDIA_ROOT) / old).parent.mkdir(parents=True)
    (Path(settings.MEDIA_ROOT) / old).write_bytes(png_bytes())
    moved = Concept.objects.create(vote=draft, title="Old", image=old, image_alt="An old picture")
    lost = Concept.objects.create(vote=draft, title="Lost", image="surveys/concepts/gone.png", image_alt="x")
    migration.move_and_rename(apps, None)
    moved.refresh_from_db()
    lost.refresh_from_db()
    assert re.fullmatch(rf"surveys/concepts/{draft.pk}/[0-9a-f]{{32}}/[0-9a-f]{{32}}\.png", moved.image.name)
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / moved.image.name).read_bytes() == png_bytes()
    assert not (Path(settings.MEDIA_ROOT) / old).exists()
    assert lost.image.name == "surveys/concepts/gone.png"  # nothing to move: left as it was
