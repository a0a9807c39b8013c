"""An initiative's images are kept in private storage and come back through the image's own
address, which asks `initiatives.view_initiative`. Every initiative is public (there are no
drafts), so anyone may see its images; an image is found only under its own hub and
initiative."""

from django.core.files.uploadedfile import SimpleUploadedFile

from apps.initiatives import services
from tests.initiatives.conftest import png_bytes
from tests.private_files import assert_not_public, assert_served_inline


def add_image(initiative, actor):
    upload = SimpleUploadedFile("court.png", png_bytes(), content_type="image/png")
    return services.image_add(initiative=initiative, actor=actor, image=upload, alt_text="The courtyard")


def test_anyone_sees_an_initiatives_image_and_shared_caches_may_keep_it(client, initiative, tom, sven):
    image = add_image(initiative, tom)
    address = image.get_absolute_url()
    assert address == f"/oslo/initiatives/{initiative.slug}/images/{image.pk}/"
    assert_served_inline(client.get(address), image.image, public=True)
    client.force_login(sven)  # another hub's steward: the initiative is public all the same
    assert_served_inline(client.get(address), image.image, public=True)


def test_an_image_is_found_only_under_its_own_hub_and_initiative(client, initiative, tom, oslo, sodertorn):
    image = add_image(initiative, tom)
    other = services.initiative_submit(hub=oslo, actor=tom, title="Another", summary="Else", description="x")
    assert client.get(f"/sodertorn/initiatives/{initiative.slug}/images/{image.pk}/").status_code == 404
    assert client.get(f"/oslo/initiatives/{other.slug}/images/{image.pk}/").status_code == 404
    assert client.get(f"/oslo/initiatives/{initiative.slug}/images/{image.pk + 1}/").status_code == 404


def test_the_image_is_not_reachable_under_media(client, initiative, tom):
    image = add_image(initiative, tom)
    assert_not_public(client, image.image)
    assert "/media/" not in client.get(initiative.get_absolute_url()).content.decode()


def test_the_api_gives_the_images_own_address(client, initiative, tom):
    image = add_image(initiative, tom)
    detail = client.get(f"/api/v1/hubs/oslo/initiatives/{initiative.slug}").json()
    assert [i["url"] for i in detail["images"]] == [image.get_absolute_url()]
