"""The review queue pages, the decisions on a pair, and the old address's permanent redirect."""

import pytest
from django.test import Client

from apps.audit.models import AuditEntry
from apps.consolidation import selectors, services
from apps.consolidation.models import Merge, OverlapPair
from apps.notifications.models import Notification

MIDDLEWARE = "apps.consolidation.middleware.MergedInitiativeRedirectMiddleware"


@pytest.fixture
def pair(oslo, toyen, hagegata):
    (pair,) = services.find_overlaps(hub=oslo)
    return pair


@pytest.fixture
def redirecting(settings):
    """Until settings.MIDDLEWARE lists it (see the report), the tests add the middleware."""
    if MIDDLEWARE not in settings.MIDDLEWARE:
        settings.MIDDLEWARE = [*settings.MIDDLEWARE, MIDDLEWARE]


def _client(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_the_queue_shows_pairs_with_their_reasons_to_leads(oslo, stella, pair):
    response = _client(stella).get("/oslo/consolidation/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Grønt gårdsrom i Hagegata" in body and "Grønn gårdsplass på Tøyen" in body
    assert "metres apart" in body and "Grønne byrom" in body


@pytest.mark.parametrize("person", ["mia", "bob", "vic", "sven", "petra"])
def test_others_get_403(request, pair, person):
    user = request.getfixturevalue(person)
    assert _client(user).get("/oslo/consolidation/").status_code == 403
    assert _client(user).get(f"/oslo/consolidation/pairs/{pair.pk}/").status_code == 403
    response = _client(user).post(
        f"/oslo/consolidation/pairs/{pair.pk}/", {"action": "dismiss", "reason": "x"}
    )
    assert response.status_code == 403
    assert OverlapPair.objects.get().status == "open"


def test_anonymous_is_sent_to_sign_in(pair):
    assert _client().get("/oslo/consolidation/").status_code == 302


def test_another_hubs_pair_is_404(sodertorn, sven, pair):
    assert _client(sven).get(f"/sodertorn/consolidation/pairs/{pair.pk}/").status_code == 404


def test_dismissing_needs_a_reason(stella, pair):
    response = _client(stella).post(
        f"/oslo/consolidation/pairs/{pair.pk}/", {"action": "dismiss", "reason": " "}
    )
    assert response.status_code == 400
    assert OverlapPair.objects.get().status == "open"
    response = _client(stella).post(
        f"/oslo/consolidation/pairs/{pair.pk}/", {"action": "dismiss", "reason": "Ulike gårder."}
    )
    assert response.status_code == 302
    pair.refresh_from_db()
    assert (pair.status, pair.reason, pair.decided_by) == (
        "dismissed",
        "Ulike gårder.",
        response.wsgi_request.user,
    )
    assert AuditEntry.objects.filter(action="consolidation.pair_dismiss").count() == 1


def test_a_decided_pair_cannot_be_decided_again(stella, pair, toyen):
    services.pair_dismiss(pair=pair, actor=stella, reason="Nei.")
    response = _client(stella).post(
        f"/oslo/consolidation/pairs/{pair.pk}/", {"action": "merge", "survivor": str(toyen.pk)}
    )
    assert response.status_code == 400
    assert "already been decided" in response.content.decode()
    assert not Merge.objects.exists()


def test_proposing_a_collaboration_tells_both_teams(stella, pair, olga, otto):
    response = _client(stella).post(
        f"/oslo/consolidation/pairs/{pair.pk}/", {"action": "collaborate", "message": "Snakk sammen!"}
    )
    assert response.status_code == 302
    assert set(Notification.objects.values_list("recipient__email", flat=True)) == {
        "olga@example.org",
        "otto@example.org",
    }
    pair.refresh_from_db()
    assert pair.status == "collaboration"
    assert pair in selectors.overlap_queue(hub=pair.hub)  # still in the queue until merged or dismissed


def test_merging_from_the_page_records_it_on_both_and_redirects_the_old_address(
    redirecting, stella, pair, toyen, hagegata
):
    client = _client(stella)
    response = client.post(
        f"/oslo/consolidation/pairs/{pair.pk}/", {"action": "merge", "survivor": str(toyen.pk)}
    )
    assert response.status_code == 302 and response["Location"] == toyen.get_absolute_url()
    pair.refresh_from_db()
    assert pair.status == "merged"
    assert selectors.merged_into(hagegata) == toyen
    assert selectors.merged_into(toyen) is None
    actions = set(AuditEntry.objects.values_list("action", "target_id"))
    assert ("consolidation.merged_away", str(hagegata.pk)) in actions
    assert ("consolidation.merged_into", str(toyen.pk)) in actions
    old = _client().get("/oslo/initiatives/gront-gardsrom/")
    assert old.status_code == 301 and old["Location"] == "/oslo/initiatives/gronn-gardsplass/"
    below = _client().get("/oslo/initiatives/gront-gardsrom/team/?x=1")
    assert below.status_code == 301 and below["Location"] == "/oslo/initiatives/gronn-gardsplass/team/?x=1"
    assert _client().get("/oslo/initiatives/gronn-gardsplass/").status_code == 200
    # Another hub's path with the same slug is not redirected.
    assert _client().get("/sodertorn/initiatives/gront-gardsrom/").status_code == 404


def test_merges_of_merges_redirect_to_the_last_survivor(redirecting, oslo, stella, toyen, hagegata, far_away):
    services.initiative_merge(hub=oslo, merged=hagegata, into=toyen, actor=stella)
    services.initiative_merge(hub=oslo, merged=toyen, into=far_away, actor=stella)
    assert selectors.merged_into(hagegata) == far_away
    assert _client().get("/oslo/initiatives/gront-gardsrom/")["Location"] == far_away.get_absolute_url()


def test_the_queue_is_paginated_and_empty_states_show(stella, oslo):
    response = _client(stella).get("/oslo/consolidation/?status=dismissed")
    assert response.status_code == 200
    assert "No pairs here" in response.content.decode()
