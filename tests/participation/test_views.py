"""The idea pages: listing, posting, support, comments, reports; errors are 400/403/404."""

import pytest
from django.test import override_settings

from apps.participation.models import Comment, Idea, Report, Support
from tests.participation.conftest import make_comment, make_idea

pytestmark = pytest.mark.django_db

LIST = "/oslo/ideas/i-gronn-gardsplass/"


def test_list_pages_for_every_kind_of_space(client, space, hub_space, area_space, mia):
    make_idea(space, mia, title="Initiative idea")
    make_idea(area_space, mia, title="Area idea")
    make_idea(hub_space, mia, title="Hub idea")
    for url, title in [
        (LIST, "Initiative idea"),
        ("/oslo/ideas/a-0301-02/", "Area idea"),
        ("/oslo/ideas/hub/", "Hub idea"),
        ("/oslo/ideas/", "Hub idea"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert title in response.content.decode()
    assert "Initiative idea" not in client.get("/oslo/ideas/hub/").content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/oslo/ideas/i-nope/",
        "/oslo/ideas/a-nope/",
        "/oslo/ideas/x-y/",
        "/oslo/ideas/i-/",
        "/nohub/ideas/hub/",
        "/oslo/ideas/hub/999/",
        "/oslo/ideas/nope/summary/",
    ],
)
def test_unknown_space_or_idea_is_404(client, oslo, initiative, url):
    assert client.get(url).status_code == 404


def test_idea_of_another_space_is_404_under_the_wrong_key(client, space, hub_space, mia, sodertorn):
    idea = make_idea(space, mia)
    assert client.get(f"/oslo/ideas/hub/{idea.pk}/").status_code == 404
    assert client.get(f"/sodertorn/ideas/hub/{idea.pk}/").status_code == 404


def test_sorting_and_pagination(client, space, mia, vic, bob):
    quiet = make_idea(space, mia, title="Quiet idea")
    loved = make_idea(space, mia, title="Loved idea")
    talked = make_idea(space, mia, title="Talked idea")
    from apps.participation import services

    for person in (vic, bob):
        services.support_add(idea=loved, user=person)
    make_comment(talked, vic)
    html = client.get(LIST + "?sort=supported").content.decode()
    assert html.index("Loved idea") < html.index("Quiet idea")
    html = client.get(LIST + "?sort=discussed").content.decode()
    assert html.index("Talked idea") < html.index("Loved idea")
    html = client.get(LIST + "?sort=new").content.decode()
    assert html.index("Talked idea") < html.index("Quiet idea")
    assert client.get(LIST + "?sort=bogus&page=99").status_code == 200
    for n in range(20):
        Idea.objects.create(
            hub=space.hub, initiative=space.initiative, title=f"Bulk {n}", body="b", author=mia
        )
    page2 = client.get(LIST + "?page=2").content.decode()
    assert quiet.title in page2


def test_posting_an_idea(client, mia, space):
    client.force_login(mia)
    response = client.post(LIST, {"title": "Benker", "body": "Flere benker", "category": "meeting"})
    idea = Idea.objects.get()
    assert response.status_code == 302 and response["Location"] == idea.get_absolute_url()
    assert (idea.author, idea.category, idea.initiative) == (mia, "meeting", space.initiative)


@pytest.mark.parametrize(
    "data",
    [
        {"title": "", "body": "x"},
        {"title": "x", "body": ""},
        {"title": "x" * 141, "body": "x"},
        {"title": "x", "body": "x" * 5001},
        {"title": "x", "body": "x", "category": "bad"},
    ],
)
def test_bad_idea_is_400(client, mia, space, data):
    client.force_login(mia)
    response = client.post(LIST, data)
    assert response.status_code == 400
    assert not Idea.objects.exists()


def test_anonymous_post_goes_to_sign_in(client, space):
    response = client.post(LIST, {"title": "x", "body": "y"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Idea.objects.exists()
    assert client.get(LIST).status_code == 200


def test_support_and_withdraw_buttons(client, idea, vic):
    url = f"{idea.get_absolute_url()}support/"
    client.force_login(vic)
    assert client.post(url, {"action": "support"}).status_code == 302
    assert client.post(url, {"action": "support"}).status_code == 302  # already: a message, no change
    idea.refresh_from_db()
    assert idea.support_count == 1
    html = client.get(idea.get_absolute_url()).content.decode()
    assert "You support this" in html
    client.post(url, {"action": "withdraw", "next": LIST})
    idea.refresh_from_db()
    assert idea.support_count == 0 and not Support.objects.exists()
    # `next` only ever leads back into the hub's ideas.
    assert client.post(url, {"next": "https://evil.example/"})["Location"].startswith(idea.get_absolute_url())


def test_support_needs_post_and_sign_in(client, idea):
    url = f"{idea.get_absolute_url()}support/"
    assert client.post(url).status_code == 302
    assert not Support.objects.exists()


def test_comment_and_reply(client, idea, vic, mia):
    client.force_login(vic)
    url = f"{idea.get_absolute_url()}comment/"
    response = client.post(url, {"body": "Good idea"})
    top = Comment.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"#comment-{top.pk}")
    client.force_login(mia)
    client.post(url, {"body": "Thanks!", "parent": top.pk})
    reply = Comment.objects.get(parent=top)
    html = client.get(idea.get_absolute_url()).content.decode()
    assert "Good idea" in html and "Thanks!" in html and f'id="comment-{reply.pk}"' in html
    assert client.post(url, {"body": ""}).status_code == 400
    assert client.post(url, {"body": "x" * 3001}).status_code == 400
    assert client.post(url, {"body": "x", "parent": 99999}).status_code == 404


def test_reporting(client, idea, vic):
    comment = make_comment(idea, vic)
    client.force_login(vic)
    url = f"{idea.get_absolute_url()}report/"
    assert client.post(url, {"reason": "Spam"}).status_code == 302
    assert client.post(url, {"reason": "Spam"}).status_code == 400  # one open report per person
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "Rude", "comment": comment.pk}).status_code == 302
    assert Report.objects.filter(reporter=vic).count() == 2


@pytest.mark.parametrize("who", ["mia", "vic", "bob", "sven"])
def test_moderate_is_403_for_others(request, client, idea, who):
    client.force_login(request.getfixturevalue(who))
    response = client.post(f"{idea.get_absolute_url()}moderate/", {"action": "hide", "reason": "x"})
    assert response.status_code == 403
    idea.refresh_from_db()
    assert not idea.is_hidden


def test_get_on_post_only_views_is_405(client, idea, vic):
    client.force_login(vic)
    for action in ("comment", "support", "report", "moderate"):
        assert client.get(f"{idea.get_absolute_url()}{action}/").status_code == 405


def test_initiative_panel(client, space, mia, initiative):
    from django.template import Context, Template

    make_idea(space, mia, title="Top idea")
    html = Template('{% include "participation/includes/initiative_panel.html" %}').render(
        Context({"initiative": initiative, "hub": initiative.hub, "user": mia, "request": None})
    )
    assert "Top idea" in html and "/oslo/ideas/i-gronn-gardsplass/" in html


# Rate limits ----------------------------------------------------------------------------------


@override_settings(PARTICIPATION_RATE="3/m")
def test_posts_over_the_rate_get_429(client, idea, vic):
    client.force_login(vic)
    url = f"{idea.get_absolute_url()}comment/"
    codes = [client.post(url, {"body": f"Comment {n}"}).status_code for n in range(5)]
    assert codes == [302, 302, 302, 429, 429]
    assert Comment.objects.count() == 3
    # The limit covers every kind of input, and reading stays open.
    assert client.post(f"{idea.get_absolute_url()}support/").status_code == 429
    assert client.post(LIST, {"title": "x", "body": "y"}).status_code == 429
    assert client.get(idea.get_absolute_url()).status_code == 200


@override_settings(PARTICIPATION_RATE="2/m")
def test_anonymous_posts_are_limited_by_address(client, space):
    codes = [client.post(LIST, {"title": "x", "body": "y"}).status_code for _ in range(3)]
    assert codes == [302, 302, 429]


@override_settings(PARTICIPATION_RATE="2/m", LANGUAGE_CODE="nb")
def test_429_page_is_translated(client, idea, vic):
    client.force_login(vic)
    url = f"{idea.get_absolute_url()}report/"
    for _ in range(2):
        client.post(url, {"reason": "x"})
    response = client.post(url, {"reason": "x"}, HTTP_ACCEPT_LANGUAGE="nb")
    assert response.status_code == 429
    assert "For mange forsøk" in response.content.decode()
