"""`include_if_exists`, the GeoJSON clustering helper, and the demo (idempotent)."""

import io

import pytest
from django.template import Context, Template

from apps.initiatives.geo import cluster_points, parse_place


def render(source, **context):
    return Template("{% load initiatives %}" + source).render(Context(context))


def test_include_if_exists_renders_nothing_for_a_missing_template():
    assert render('{% include_if_exists "nowhere/missing.html" %}') == ""


def test_include_if_exists_renders_a_template_with_the_context_and_kwargs():
    out = render('{% include_if_exists "includes/empty_state.html" title=t %}', t="Hello there")
    assert "Hello there" in out


def test_include_if_exists_with_a_missing_provider_falls_back_to_the_context():
    out = render('{% include_if_exists "includes/empty_state.html" provider="no.such.func" title="X" %}')
    assert "X" in out


def test_cluster_points_merges_close_points_only():
    points = [{"lon": 10.0, "lat": 59.0}, {"lon": 10.0001, "lat": 59.0001}, {"lon": 12.0, "lat": 59.0}]
    merged = cluster_points(points, 8)
    assert sorted(p.get("count", 1) for p in merged) == [1, 2]
    assert len(cluster_points(points, 20)) == 3


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
