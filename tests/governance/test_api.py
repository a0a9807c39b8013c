"""The read API: meetings, motions, ballots (results only when closed, never who voted what),
the decision log."""

import json

import pytest

from apps.governance import services

pytestmark = pytest.mark.django_db

API = "/api/v1/hubs/oslo"


def test_meetings_list_and_detail(client, meeting, open_meeting, motion):
    listed = client.get(f"{API}/meetings").json()
    assert listed["count"] == 1 and listed["items"][0]["title"] == "Årsmøte 2026"
    detail = client.get(f"{API}/meetings/{meeting.pk}").json()
    assert detail["agenda"] == ["Godkjenning av innkalling", "Årsberetning", "Valg av styre"]
    assert detail["motions"][0]["proposed_by"] == "Mia Member"
    assert detail["motions"][0]["url"].startswith(f"/oslo/governance/meetings/{meeting.pk}/")


def test_a_motion(client, motion):
    body = client.get(f"{API}/motions/{motion.pk}").json()
    assert body["outcome"] == "pending" and body["ballot_id"] is None


def test_an_open_ballot_has_no_results_yet(client, secret_ballot, mia):
    services.vote_cast(ballot=secret_ballot, actor=mia, choice="yes")
    body = client.get(f"{API}/ballots/{secret_ballot.pk}").json()
    assert body["status"] == "open" and body["results"] is None and body["voters"] is None


def test_a_closed_ballot_has_results_and_never_voters(client, motion_ballot, stella, mia, petra, acme):
    services.vote_cast(ballot=motion_ballot, actor=mia, choice="yes")
    services.vote_cast(ballot=motion_ballot, actor=petra, organisation=acme, choice="no")
    services.ballot_close(ballot=motion_ballot, actor=stella)
    response = client.get(f"{API}/ballots/{motion_ballot.pk}")
    body = response.json()
    assert body["voters"] == 2
    assert {r["option"]: r["votes"] for r in body["results"]} == {"yes": 1, "no": 1, "abstain": 0}
    text = json.dumps(body)
    assert "Mia" not in text and "Petra" not in text and "Acme" not in text


def test_an_election_names_who_is_elected(client, election, stella, mia, bob):
    from apps.governance.models import Candidate

    c = {x.user: x for x in Candidate.objects.filter(ballot=election)}
    services.vote_cast(ballot=election, actor=mia, candidates=[c[mia], c[bob]])
    services.ballot_close(ballot=election, actor=stella)
    body = client.get(f"{API}/ballots/{election.pk}").json()
    assert {r["label"] for r in body["results"] if r["elected"]} == {"Mia Member", "Bob Board"}
    assert body["counting"].startswith("plurality-block")


def test_the_decision_log(client, motion_ballot, open_meeting, stella, mia):
    assert client.get(f"{API}/decisions").json()["count"] == 0
    services.vote_cast(ballot=motion_ballot, actor=mia, choice="yes")
    services.ballot_close(ballot=motion_ballot, actor=stella)
    services.meeting_advance(meeting=open_meeting, actor=stella)
    body = client.get(f"{API}/decisions").json()
    assert body["count"] == 1
    assert body["items"][0]["motions"][0]["outcome"] == "adopted"


def test_unknown_and_other_hubs_answer_404(client, motion_ballot, sodertorn):
    assert client.get(f"/api/v1/hubs/sodertorn/ballots/{motion_ballot.pk}").status_code == 404
    assert client.get(f"{API}/ballots/999999").status_code == 404
    assert client.get(f"{API}/meetings/nope").status_code == 422
    assert client.get("/api/v1/hubs/nowhere/decisions").status_code == 404
