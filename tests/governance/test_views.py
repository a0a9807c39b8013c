"""The governance pages: who sees what, who may do what (403/404/400), and nothing half saved."""

import pytest
from django.urls import reverse

from apps.governance import services
from apps.governance.models import Ballot, Meeting, Motion, Receipt, Voter

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"hubs:governance:{name}", args=["oslo", *args])


def test_anyone_reads_the_meetings_and_a_meeting(client, meeting, motion):
    assert client.get(url("list")).status_code == 200
    page = client.get(url("meeting", meeting.pk))
    assert page.status_code == 200
    assert "Årsberetning" in page.content.decode() and motion.title in page.content.decode()


def test_a_meeting_of_another_hub_is_not_found(client, meeting, sodertorn):
    assert client.get(reverse("hubs:governance:meeting", args=["sodertorn", meeting.pk])).status_code == 404


def test_the_empty_list_says_so(client, oslo):
    assert "No general meeting yet" in client.get(url("list")).content.decode()


def test_a_steward_calls_a_meeting_through_the_page(client, oslo, stella):
    client.force_login(stella)
    response = client.post(
        url("meeting_create"),
        {
            "kind": "annual",
            "title": "Årsmøte 2027",
            "starts_at": "2027-03-10T18:00",
            "place": "Tøyen",
            "agenda": "Åpning\nValg",
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    # Read in the hub's time zone: 18:00 in Oslo is 17:00 UTC in March.
    assert meeting.starts_at.isoformat() == "2027-03-10T17:00:00+00:00"
    assert meeting.agenda_items.count() == 2


def test_a_bad_meeting_form_is_a_400(client, oslo, stella):
    client.force_login(stella)
    response = client.post(url("meeting_create"), {"kind": "annual", "title": "", "starts_at": "nope"})
    assert response.status_code == 400
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("who", ["mia", "sven", "petra"])
def test_others_cannot_manage(client, meeting, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url("manage")).status_code == 403
    assert client.get(url("meeting_create")).status_code == 403
    assert client.post(url("meeting_advance", meeting.pk)).status_code == 403
    assert Meeting.objects.get(pk=meeting.pk).status == "planned"


def test_a_member_proposes_a_motion(client, open_meeting, mia):
    client.force_login(mia)
    assert client.get(url("motion_create", open_meeting.pk)).status_code == 200
    response = client.post(
        url("motion_create", open_meeting.pk), {"title": "Flere benker", "text": "Vi trenger …"}
    )
    assert response.status_code == 302
    assert Motion.objects.get().proposed_by == mia


def test_a_representative_chooses_the_organisation(client, open_meeting, dora, acme):
    client.force_login(dora)
    response = client.post(
        url("motion_create", open_meeting.pk), {"title": "Sykkel", "text": "…", "organisation": str(acme.pk)}
    )
    assert response.status_code == 302
    assert Motion.objects.get().organisation == acme


def test_an_outsider_cannot_propose(client, open_meeting, rita):
    client.force_login(rita)
    assert client.post(url("motion_create", open_meeting.pk), {"title": "X", "text": "Y"}).status_code == 403
    assert not Motion.objects.exists()


def test_an_empty_motion_is_a_400(client, open_meeting, mia):
    client.force_login(mia)
    assert client.post(url("motion_create", open_meeting.pk), {"title": "", "text": ""}).status_code == 400


def test_a_steward_creates_and_opens_an_election(client, open_meeting, stella, mia, bob):
    client.force_login(stella)
    response = client.post(
        url("ballot_create", open_meeting.pk),
        {"kind": "election", "title": "Styre", "seats": "1", "candidates": [mia.pk, bob.pk], "secret": "on"},
    )
    assert response.status_code == 302
    ballot = Ballot.objects.get()
    assert ballot.secret and ballot.candidates.count() == 2
    assert client.post(url("ballot_open", ballot.pk)).status_code == 302
    assert Ballot.objects.get().status == "open"


def test_opening_twice_is_a_400(client, motion_ballot, stella):
    client.force_login(stella)
    response = client.post(url("ballot_open", motion_ballot.pk))
    assert response.status_code == 400
    assert "Only a draft ballot" in response.content.decode()


def test_a_member_votes_and_sees_the_receipt_once(client, secret_ballot, mia, oslo):
    client.force_login(mia)
    page = client.get(url("ballot", secret_ballot.pk))
    assert 'name="choice"' in page.content.decode()
    response = client.post(url("vote", secret_ballot.pk), {"voter": "self", "choice": "yes"})
    assert response.status_code == 302
    first = client.get(url("ballot", secret_ballot.pk)).content.decode()
    assert "Your receipt" in first and "You have voted." in first
    code = first.split('class="receipt-code">')[1].split("<")[0]
    assert services.receipt_check(hub=oslo, code=code) == secret_ballot
    assert "Your receipt" not in client.get(url("ballot", secret_ballot.pk)).content.decode()
    checked = client.get(url("receipt"), {"code": code})
    assert "Counted" in checked.content.decode()
    assert "No vote in this hub" in client.get(url("receipt"), {"code": "XXXX"}).content.decode()


def test_voting_twice_is_a_400_with_a_clear_message(client, motion_ballot, mia):
    client.force_login(mia)
    client.post(url("vote", motion_ballot.pk), {"voter": "self", "choice": "yes"})
    response = client.post(url("vote", motion_ballot.pk), {"voter": "self", "choice": "no"})
    assert response.status_code == 400
    assert Voter.objects.count() == 1


def test_a_non_member_cannot_vote(client, motion_ballot, vic, rita):
    for person in (vic, rita):
        client.force_login(person)
        assert (
            client.post(url("vote", motion_ballot.pk), {"voter": "self", "choice": "yes"}).status_code == 403
        )
    assert not Voter.objects.exists()


def test_a_representative_votes_for_their_organisation(client, motion_ballot, petra, acme):
    client.force_login(petra)
    page = client.get(url("ballot", motion_ballot.pk)).content.decode()
    assert "Acme Byutvikling" in page
    assert (
        client.post(url("vote", motion_ballot.pk), {"voter": str(acme.pk), "choice": "no"}).status_code == 302
    )
    assert Voter.objects.get().organisation == acme


def test_an_anonymous_visitor_is_sent_to_sign_in(client, motion_ballot):
    assert client.post(url("vote", motion_ballot.pk), {"voter": "self", "choice": "yes"}).status_code == 302
    assert "Sign in to vote" in client.get(url("ballot", motion_ballot.pk)).content.decode()


@pytest.mark.parametrize("who", ["mia", "bob", "sven", "petra"])
def test_a_non_steward_closing_early_gets_403_and_nothing_changes(client, motion_ballot, who, request):
    client.force_login(request.getfixturevalue(who))
    response = client.post(url("ballot_close", motion_ballot.pk))
    assert response.status_code == 403
    assert Ballot.objects.get(pk=motion_ballot.pk).status == "open"


def test_closing_shows_results_and_the_open_votes_to_members(client, motion_ballot, stella, mia, vic):
    services.vote_cast(ballot=motion_ballot, actor=mia, choice="yes")
    client.force_login(mia)
    assert "Results" not in client.get(url("ballot", motion_ballot.pk)).content.decode()
    client.force_login(stella)
    assert client.post(url("ballot_close", motion_ballot.pk)).status_code == 302
    client.force_login(mia)
    page = client.get(url("ballot", motion_ballot.pk)).content.decode()
    assert "Results" in page and "Who voted what" in page and "Mia Member" in page
    client.force_login(vic)
    page = client.get(url("ballot", motion_ballot.pk)).content.decode()
    assert "Results" in page and "Who voted what" not in page


def test_a_secret_ballot_never_shows_who_voted_what(client, secret_ballot, stella, mia):
    services.vote_cast(ballot=secret_ballot, actor=mia, choice="yes")
    services.ballot_close(ballot=secret_ballot, actor=stella)
    client.force_login(stella)
    page = client.get(url("ballot", secret_ballot.pk)).content.decode()
    assert "Who voted what" not in page and "Results" in page


def test_a_ballot_of_another_hub_is_not_found(client, motion_ballot, sven):
    client.force_login(sven)
    assert (
        client.get(reverse("hubs:governance:ballot", args=["sodertorn", motion_ballot.pk])).status_code == 404
    )
    assert (
        client.post(reverse("hubs:governance:ballot_close", args=["sodertorn", motion_ballot.pk])).status_code
        == 404
    )


def test_the_decision_log_shows_closed_meetings_only(client, motion_ballot, open_meeting, stella, mia):
    services.vote_cast(ballot=motion_ballot, actor=mia, choice="yes")
    assert "No decisions yet" in client.get(url("decisions")).content.decode()
    services.ballot_close(ballot=motion_ballot, actor=stella)
    services.meeting_update(
        meeting=open_meeting,
        actor=stella,
        title=open_meeting.title,
        starts_at=open_meeting.starts_at,
        kind="annual",
        minutes="**Vedtatt** enstemmig <script>alert(1)</script>",
    )
    services.meeting_advance(meeting=open_meeting, actor=stella)
    page = client.get(url("decisions")).content.decode()
    assert "Gratis medlemskap for studenter" in page and "Adopted" in page
    assert "<strong>Vedtatt</strong>" in page and "<script>alert" not in page


def test_the_hub_page_links_here(client, oslo, stella):
    assert url("list") in client.get(reverse("hubs:home", args=["oslo"])).content.decode()
    client.force_login(stella)
    assert url("manage") in client.get(reverse("hubs:home", args=["oslo"])).content.decode()


def test_the_draw_page_action(client, election, stella, mia, bob, nora):
    from apps.governance.models import Candidate

    c = {x.user: x for x in Candidate.objects.filter(ballot=election)}
    services.vote_cast(ballot=election, actor=mia, candidates=[c[mia], c[bob]])
    services.vote_cast(ballot=election, actor=bob, candidates=[c[mia], c[nora]])
    services.ballot_close(ballot=election, actor=stella)
    client.force_login(mia)
    assert client.post(url("ballot_draw", election.pk)).status_code == 403
    client.force_login(stella)
    assert "Draw lots" in client.get(url("ballot", election.pk)).content.decode()
    assert client.post(url("ballot_draw", election.pk)).status_code == 302
    assert "Recorded draw" in client.get(url("ballot", election.pk)).content.decode()
    assert Receipt.objects.filter(ballot=election).count() == 2
