"""Services: submit, edit, team, updates, follows, images and permits."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.initiatives import services
from apps.initiatives.models import Follow, Initiative, InitiativeImage, Permit, PermitDocument, TeamMember
from tests.files import pdf
from tests.initiatives.conftest import png_bytes, square

pytestmark = pytest.mark.django_db


def test_submit_makes_owner_team_and_follower_and_tells_the_stewards(
    oslo, stella, nora, mia, sven, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        item = services.initiative_submit(
            hub=oslo,
            actor=mia,
            title="Lekegate i Sagene",
            place={"type": "Point", "coordinates": [10.75, 59.93]},
        )
    assert item.slug == "lekegate-i-sagene"
    assert item.status == Initiative.Status.IDEA
    assert (item.lon, item.lat, item.area) == (10.75, 59.93, None)
    assert TeamMember.objects.get(initiative=item, user=mia).role == "owner"
    assert Follow.objects.filter(initiative=item, user=mia).exists()
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["nora@example.org", "stella@example.org"]  # not sven (another hub)
    assert mail.outbox[0].subject == "New idea in Pådriv Oslo: Lekegate i Sagene"


def test_nordic_letters_make_readable_slugs_and_twins_get_numbers(oslo, mia):
    first = services.initiative_submit(hub=oslo, actor=mia, title="Grønn gårdsplass på Tøyen")
    second = services.initiative_submit(hub=oslo, actor=mia, title="Grønn gårdsplass på Tøyen")
    assert first.slug == "gronn-gardsplass-pa-toyen"
    assert second.slug == "gronn-gardsplass-pa-toyen-2"
    assert services.initiative_submit(hub=oslo, actor=mia, title="Map").slug == "map-initiative"
    assert services.initiative_submit(hub=oslo, actor=mia, title="!!!").slug == "initiative"


def test_anonymous_cannot_submit(oslo):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        services.initiative_submit(hub=oslo, actor=AnonymousUser(), title="x")


@pytest.mark.parametrize(
    ("place", "code"),
    [
        ("{not json", "malformed"),
        ({"type": "Point", "coordinates": ["a", 1]}, "malformed"),
        ({"type": "Point", "coordinates": [200, 10]}, "range"),
        ({"type": "LineString", "coordinates": [[0, 0], [1, 1]]}, "kind"),
        ({"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}, "self_intersection"),
        ({"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [0, 0]]]}, "malformed"),
        ("x" * 100_001, "too_large"),
    ],
)
def test_bad_places_are_refused_and_nothing_is_saved(oslo, mia, place, code):
    with pytest.raises(ValidationError) as info:
        services.initiative_submit(hub=oslo, actor=mia, title="Bad place", place=place)
    assert "place" in info.value.error_dict
    assert info.value.error_dict["place"][0].code == code
    assert not Initiative.objects.exists()


def test_place_is_checked_against_the_hubs_areas(sodertorn, areas, sven):
    inside = services.initiative_submit(
        hub=sodertorn, actor=sven, title="Fittja", place={"type": "Point", "coordinates": [17.86, 59.247]}
    )
    assert inside.area == areas["0127"]
    polygon = services.initiative_submit(
        hub=sodertorn, actor=sven, title="Stråket", place=square(17.95, 59.25, 0.01)
    )
    assert polygon.area == areas["0126"]
    assert polygon.place["type"] == "Polygon"
    assert 17.94 <= polygon.lon <= 17.96
    for place in (
        {"type": "Point", "coordinates": [10.75, 59.91]},  # Oslo: outside the bounding box
        square(17.9, 59.3, 0.1),  # sticks out of the box
    ):
        with pytest.raises(ValidationError) as info:
            services.initiative_submit(hub=sodertorn, actor=sven, title="Far away", place=place)
        assert info.value.error_dict["place"][0].code == "outside"
    assert Initiative.objects.count() == 2


def test_oversized_text_is_refused(oslo, mia):
    with pytest.raises(ValidationError) as info:
        services.initiative_submit(hub=oslo, actor=mia, title="x" * 161)
    assert "title" in info.value.error_dict
    assert not Initiative.objects.exists()


def test_update_by_lead_and_steward_not_by_member(initiative, lena, stella, mia, sven):
    services.initiative_update(initiative=initiative, actor=lena, title="New title", status="active")
    initiative.refresh_from_db()
    assert (initiative.title, initiative.status, initiative.slug) == (
        "New title",
        "active",
        "gronn-gardsplass",
    )
    assert initiative.place is None  # no place given: removed
    services.initiative_update(initiative=initiative, actor=stella, title="By steward")
    for outsider in (mia, sven):
        with pytest.raises(PermissionDenied):
            services.initiative_update(initiative=initiative, actor=outsider, title="No")


def test_team_add_role_remove(initiative, olga, mia, lena):
    member = services.team_member_add(initiative=initiative, actor=olga, user=mia, role="member")
    assert Follow.objects.filter(initiative=initiative, user=mia).exists()
    with pytest.raises(ValidationError):
        services.team_member_add(initiative=initiative, actor=olga, user=mia)
    services.team_member_set_role(member=member, actor=olga, role="lead")
    assert mia.has_perm("initiatives.change_initiative", initiative)
    services.team_member_remove(member=member, actor=olga)
    assert not TeamMember.objects.filter(initiative=initiative, user=mia).exists()
    owner_row = TeamMember.objects.get(initiative=initiative, user=olga)
    with pytest.raises(ValidationError):
        services.team_member_remove(member=owner_row, actor=olga)
    with pytest.raises(ValidationError):
        services.team_member_set_role(member=owner_row, actor=olga, role="member")
    lead_row = TeamMember.objects.get(initiative=initiative, user=lena)
    with pytest.raises(PermissionDenied):
        services.team_member_remove(member=lead_row, actor=lena)


def test_update_post_tells_the_followers_but_not_the_author(
    initiative, olga, tom, vic, django_capture_on_commit_callbacks
):
    services.initiative_follow(initiative=initiative, user=vic)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.update_post(initiative=initiative, actor=tom, title="Planting day", body="Come *all*")
    assert sorted(m.to[0] for m in mail.outbox) == ["olga@example.org", "vic@example.org"]
    assert "Planting day" in mail.outbox[0].subject
    with pytest.raises(PermissionDenied):
        services.update_post(initiative=initiative, actor=vic, title="x", body="y")


def test_follow_is_idempotent_and_unfollow_works(initiative, vic):
    first = services.initiative_follow(initiative=initiative, user=vic)
    assert services.initiative_follow(initiative=initiative, user=vic) == first
    services.initiative_unfollow(initiative=initiative, user=vic)
    assert not Follow.objects.filter(initiative=initiative, user=vic).exists()


def test_image_add_validates_type_size_and_alt(initiative, tom, settings):
    image = services.image_add(
        initiative=initiative, actor=tom, image=SimpleUploadedFile("x.png", png_bytes()), alt_text="Courtyard"
    )
    assert (image.width, image.height) == (4, 3)
    assert image.image.name.endswith(".png")
    webp = services.image_add(
        initiative=initiative,
        actor=tom,
        image=SimpleUploadedFile("y.webp", png_bytes(fmt="WEBP")),
        alt_text="Also fine",
    )
    assert webp.image.name.endswith(".webp")
    bad = [
        (SimpleUploadedFile("x.png", b"not an image"), "Alt", "image"),
        (SimpleUploadedFile("x.gif", png_bytes(fmt="GIF")), "Alt", "image"),
        (SimpleUploadedFile("x.png", png_bytes()), "  ", "alt_text"),
    ]
    for upload, alt, field in bad:
        with pytest.raises(ValidationError) as info:
            services.image_add(initiative=initiative, actor=tom, image=upload, alt_text=alt)
        assert field in info.value.error_dict
    settings.MAX_UPLOAD_SIZE = 10
    with pytest.raises(ValidationError) as info:
        services.image_add(
            initiative=initiative, actor=tom, image=SimpleUploadedFile("x.png", png_bytes()), alt_text="Alt"
        )
    assert info.value.error_dict["image"][0].code == "too_large"
    assert InitiativeImage.objects.count() == 2


def test_permits_dates_and_documents(initiative, tom, sven):
    day = datetime.date(2025, 5, 1)
    permit = services.permit_create(
        initiative=initiative,
        actor=tom,
        what="Street use",
        authority="Bymiljøetaten",
        status="applied",
        applied_on=day,
    )
    with pytest.raises(ValidationError) as info:
        services.permit_update(
            permit=permit,
            actor=tom,
            what="Street use",
            status="approved",
            applied_on=day,
            decided_on=day - datetime.timedelta(days=1),
        )
    assert "decided_on" in info.value.error_dict
    with pytest.raises(ValidationError) as info:
        services.permit_update(permit=permit, actor=tom, what="Street use", status="approved", applied_on=day)
    assert "decided_on" in info.value.error_dict
    services.permit_update(
        permit=permit,
        actor=tom,
        what="Street use",
        status="approved",
        applied_on=day,
        decided_on=day,
        decision="Yes",
    )
    permit.refresh_from_db()
    assert permit.status == "approved"
    document = services.permit_document_add(permit=permit, actor=tom, file=pdf("decision.pdf"))
    assert (document.content_type, document.name) == ("application/pdf", "decision")
    services.permit_document_add(permit=permit, actor=tom, file=SimpleUploadedFile("photo.png", png_bytes()))
    with pytest.raises(ValidationError) as info:
        services.permit_document_add(
            permit=permit, actor=tom, file=SimpleUploadedFile("evil.pdf", b"MZ\x90\x00")
        )
    assert "file" in info.value.error_dict
    with pytest.raises(PermissionDenied):
        services.permit_create(initiative=initiative, actor=sven, what="No")
    assert PermitDocument.objects.count() == 2
    services.permit_delete(permit=permit, actor=tom)
    assert not Permit.objects.exists()
