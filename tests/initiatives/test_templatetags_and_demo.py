"""Place parsing and the demo (idempotent)."""

import io

import pytest

from apps.initiatives.geo import parse_place


def test_a_feature_is_accepted_as_a_place():
    place = parse_place(
        '{"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [1, 2]}}'
    )
    assert place == {"type": "Point", "coordinates": [1.0, 2.0]}
    assert parse_place("") is None


@pytest.mark.django_db
def test_demo_is_idempotent(oslo):
    from apps.accounts.models import User
    from apps.initiatives import demo
    from apps.initiatives.models import Follow, Initiative, Permit

    for email in ("lars@oslo.demo", "nadia@oslo.demo", "member@oslo.demo", "steward@oslo.demo"):
        User.objects.create_user(email=email, password="x", name=email)
    out = io.StringIO()
    demo.seed(stdout=out)
    counts = (Initiative.objects.count(), Follow.objects.count(), Permit.objects.count())
    assert counts[0] >= 1
    assert Initiative.objects.get(slug="gronn-gardsplass-pa-toyen").place["type"] == "Polygon"
    demo.seed(stdout=out)
    assert (Initiative.objects.count(), Follow.objects.count(), Permit.objects.count()) == counts


@pytest.mark.django_db
def test_the_initiative_page_gathers_the_panels_of_every_app(client, oslo, mia):
    from apps.initiatives.services import initiative_submit

    initiative = initiative_submit(hub=oslo, actor=mia, title="Benker på Tøyen", summary="Benker")
    client.force_login(mia)  # the owner sees every panel's way in
    html = client.get(initiative.get_absolute_url()).content.decode()
    assert 'rel="alternate" type="text/calendar"' in html
    key = f"i-{initiative.slug}"
    for prefix in ("ideas", "marks", "surveys", "events", "visions"):
        assert f"/oslo/{prefix}/" in html and key in html, prefix
