"""Goal pages: open to read, stewards only to change, bad input gets a 400 and saves nothing."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.template import RequestContext, Template
from django.test import RequestFactory

from apps.goals.models import GoalTag, HubGoal, LocalTarget, SdgGoal
from apps.places.models import Area

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def tagged(oslo, frogner, climate, green_target):
    area_type = ContentType.objects.get_for_model(Area)
    GoalTag.objects.create(content_type=area_type, object_id=frogner.pk, hub=oslo, local_target=green_target)
    return frogner


# Reading --------------------------------------------------------------------------------------


def test_anonymous_reads_the_goals_page(client, oslo, climate, green_target):
    response = client.get("/oslo/goals/")
    assert response.status_code == 200
    page = text(response)
    assert "95 % lower emissions by 2030" in page and "11.7.L1" in page
    assert "sdg--13" in page and "goals/goals.css" in page
    assert "/oslo/goals/sdg/11/" in page  # the 17 UN goals
    assert "New goal" not in page


def test_empty_state_invites_stewards_to_add_a_goal(client, oslo, stella):
    assert "No goals yet" in text(client.get("/oslo/goals/"))
    assert "/oslo/goals/new/" not in text(client.get("/oslo/goals/"))
    client.force_login(stella)
    assert "/oslo/goals/new/" in text(client.get("/oslo/goals/"))


def test_goal_page_lists_what_is_tagged_grouped_by_kind(client, tagged, climate):
    response = client.get("/oslo/goals/climate-2030/")
    assert response.status_code == 200
    page = text(response)
    assert "Frogner" in page and "Areas" in page and "Green space for all" in page


def test_un_goal_page_shows_targets_local_targets_and_tags(client, tagged):
    response = client.get("/oslo/goals/sdg/11/")
    assert response.status_code == 200
    page = text(response)
    assert "11.7" in page and "11.7.1" in page and "11.7.L1" in page and "Frogner" in page
    assert "Sustainable cities and communities" in page


def test_a_goal_of_another_hub_is_not_found_here(client, oslo, sodertorn_goal):
    assert client.get("/oslo/goals/employment/").status_code == 404
    assert client.get("/oslo/goals/sdg/18/").status_code == 404
    assert client.get("/sodertorn/goals/employment/").status_code == 200


def test_goals_link_in_the_hub_navigation(client, oslo):
    page = text(client.get("/oslo/goals/"))
    assert 'href="/oslo/goals/" aria-current="page"' in page


# Changing -------------------------------------------------------------------------------------

STEWARD_PAGES = [
    "/oslo/goals/new/",
    "/oslo/goals/climate-2030/edit/",
    "/oslo/goals/climate-2030/targets/new/",
    "/oslo/goals/climate-2030/targets/11.7.L1/edit/",
]


@pytest.mark.parametrize("path", STEWARD_PAGES)
def test_anonymous_is_sent_to_sign_in(client, green_target, path):
    response = client.get(path)
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


@pytest.mark.parametrize("role", ["mia", "bob", "vic", "sven"])
@pytest.mark.parametrize("path", STEWARD_PAGES)
def test_others_get_403(request, client, green_target, role, path):
    client.force_login(request.getfixturevalue(role))
    assert client.get(path).status_code == 403
    assert client.post(path, {"title": "Hijack", "sdg_target": "1", "code": ""}).status_code == 403
    assert not HubGoal.objects.filter(title="Hijack").exists()
    assert not LocalTarget.objects.filter(title="Hijack").exists()


@pytest.mark.parametrize("role", ["stella", "nora"])
def test_stewards_create_a_goal(request, client, oslo, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get("/oslo/goals/new/").status_code == 200
    response = client.post(
        "/oslo/goals/new/",
        {"title": "More green space", "target_year": "2030", "baseline": "2020", "sdg_goals": ["15", "11"]},
    )
    assert response.status_code == 302 and response.url == "/oslo/goals/more-green-space/"
    goal = HubGoal.objects.get(hub=oslo)
    assert sorted(goal.sdg_goals.values_list("number", flat=True)) == [11, 15]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"title": "ok", "description": "x" * 10001}, "description"),
        ({"title": "ok", "baseline": "x" * 301}, "baseline"),
        ({"title": "ok", "code": "y" * 51}, "code"),
        ({"title": "ok", "code": "no spaces"}, "code"),
        ({"title": "ok", "code": "sdg"}, "code"),
        ({"title": "ok", "code": "climate-2030"}, "code"),
        ({"title": "ok", "target_year": "3000"}, "target_year"),
        ({"title": "ok", "sdg_goals": ["18"]}, "sdg_goals"),
    ],
)
def test_bad_goal_input_is_a_400_and_nothing_is_saved(client, stella, climate, data, field):
    client.force_login(stella)
    response = client.post("/oslo/goals/new/", data)
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert 'class="ds-error-summary"' in text(response)
    assert HubGoal.objects.count() == 1


def test_edit_a_goal(client, stella, climate):
    client.force_login(stella)
    response = client.post(
        "/oslo/goals/climate-2030/edit/", {"title": "Renamed", "code": "climate", "sdg_goals": ["13"]}
    )
    assert response.status_code == 302 and response.url == "/oslo/goals/climate/"
    climate.refresh_from_db()
    assert climate.title == "Renamed" and list(climate.sdg_goals.values_list("number", flat=True)) == [13]


def test_add_and_edit_a_local_target(client, stella, climate, target_11_7):
    client.force_login(stella)
    response = client.post(
        "/oslo/goals/climate-2030/targets/new/",
        {
            "sdg_target": target_11_7.pk,
            "title": "Parks",
            "measure": "≥ 1 ha within 300 m",
            "due_year": "2030",
        },
    )
    assert response.status_code == 302
    target = LocalTarget.objects.get(hub_goal=climate)
    assert target.code == "11.7.L1" and target.hub == climate.hub
    response = client.post(
        "/oslo/goals/climate-2030/targets/11.7.L1/edit/",
        {"sdg_target": target_11_7.pk, "title": "Parks for all", "code": "11.7.L3"},
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert (target.title, target.code) == ("Parks for all", "11.7.L3")


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"title": "x", "code": "11.7.1"}, "code"),
        ({"title": "x", "code": "11.7.L1"}, "code"),  # taken
        ({"title": "x" * 201}, "title"),
        ({"title": "x", "measure": "m" * 2001}, "measure"),
        ({"title": "x", "sdg_target": "999999"}, "sdg_target"),
    ],
)
def test_bad_local_target_input_is_a_400(client, stella, green_target, target_11_7, data, field):
    client.force_login(stella)
    response = client.post("/oslo/goals/climate-2030/targets/new/", {"sdg_target": target_11_7.pk, **data})
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert LocalTarget.objects.count() == 1


# Tagging --------------------------------------------------------------------------------------


def tag_post(obj, tag, **extra):
    return {
        "content_type": ContentType.objects.get_for_model(obj).pk,
        "object_id": obj.pk,
        "tag": tag,
        "next": "/oslo/",
        **extra,
    }


def test_a_steward_tags_and_untags_through_the_form(client, stella, frogner, climate, green_target):
    client.force_login(stella)
    for tag in ("sdg:11", "target:11.7", f"goal:{climate.pk}", f"local:{green_target.pk}"):
        response = client.post("/oslo/goals/tag/", tag_post(frogner, tag))
        assert response.status_code == 302 and response.url == "/oslo/"
    assert GoalTag.objects.filter(object_id=frogner.pk).count() == 4
    response = client.post("/oslo/goals/tag/", tag_post(frogner, "sdg:11", action="remove"))
    assert response.status_code == 302
    assert GoalTag.objects.count() == 3


def test_next_must_stay_on_the_site(client, stella, oslo):
    client.force_login(stella)
    response = client.post("/oslo/goals/tag/", tag_post(oslo, "sdg:11", next="https://evil.example/"))
    assert response.status_code == 302 and response.url == "/oslo/"


@pytest.mark.parametrize("role", ["mia", "bob", "vic", "sven"])
def test_others_may_not_tag(request, client, frogner, role):
    client.force_login(request.getfixturevalue(role))
    assert client.post("/oslo/goals/tag/", tag_post(frogner, "sdg:11")).status_code == 403
    assert not GoalTag.objects.exists()


def test_sven_cannot_tag_oslo_things_through_his_own_hub(client, sven, frogner):
    client.force_login(sven)
    response = client.post("/sodertorn/goals/tag/", tag_post(frogner, "sdg:11"))
    assert response.status_code == 400
    assert not GoalTag.objects.exists()


@pytest.mark.parametrize(
    "tag", ["", "sdg:18", "sdg:x", "target:99.9", "goal:999999", "local:1x", "nonsense", "sdg:" + "1" * 60]
)
def test_bad_tag_choice_is_a_400_with_the_error(client, stella, frogner, tag):
    client.force_login(stella)
    response = client.post("/oslo/goals/tag/", tag_post(frogner, tag))
    assert response.status_code == 400
    assert response.context["form"].errors
    assert not GoalTag.objects.exists()


def test_another_hubs_goal_or_a_private_object_cannot_be_tagged(client, stella, oslo, mia, sodertorn_goal):
    client.force_login(stella)
    assert client.post("/oslo/goals/tag/", tag_post(oslo, f"goal:{sodertorn_goal.pk}")).status_code == 400
    response = client.post("/oslo/goals/tag/", tag_post(mia, "sdg:11"))
    assert response.status_code == 400
    assert "cannot be tagged" in text(response)
    assert (
        client.post(
            "/oslo/goals/tag/", {"content_type": "99999", "object_id": "1", "tag": "sdg:1"}
        ).status_code
        == 400
    )
    assert not GoalTag.objects.exists()


def test_duplicate_tag_is_a_400(client, stella, oslo):
    client.force_login(stella)
    client.post("/oslo/goals/tag/", tag_post(oslo, "sdg:11"))
    response = client.post("/oslo/goals/tag/", tag_post(oslo, "sdg:11"))
    assert response.status_code == 400 and "already tagged" in text(response)
    assert GoalTag.objects.count() == 1


def test_anonymous_tagging_is_sent_to_sign_in(client, oslo):
    response = client.post("/oslo/goals/tag/", tag_post(oslo, "sdg:11"))
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_tag_form_partial_for_stewards_and_visitors(oslo, stella, mia, tagged, climate):
    template = Template('{% include "goals/includes/tag_form.html" with obj=obj hub=hub %}')
    for user, can_tag in ((stella, True), (mia, False)):
        request = RequestFactory().get("/oslo/areas/frogner/")
        request.user = user
        html = template.render(RequestContext(request, {"obj": tagged, "hub": oslo, "user": user}))
        assert "11.7.L1" in html
        assert ('name="tag"' in html) is can_tag
        assert ("Add tag" in html) is can_tag
        if can_tag:
            assert f'value="goal:{climate.pk}"' in html and 'value="target:11.7"' in html
            assert 'value="/oslo/areas/frogner/"' in html
    assert SdgGoal.objects.count() == 17


@pytest.mark.parametrize(
    ("language", "short", "target_start", "source"),
    [
        (
            "sv",
            "Hållbara städer och samhällen",
            "Till 2030 tillhandahålla allmän tillgång",
            "Svensk översättning av projektet Allmenning",
        ),
        (
            "nb",
            "Bærekraftige byer og lokalsamfunn",
            "Innen 2030 sørge for allmenn tilgang",
            "rettet av prosjektet Allmenning",
        ),
        ("en", "Sustainable cities and communities", "By 2030, provide universal access", None),
    ],
)
def test_un_goal_page_in_the_readers_language_says_where_the_text_comes_from(
    client, sodertorn, language, short, target_start, source
):
    page = client.get("/sodertorn/goals/sdg/11/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert short in page and target_start in page
    listing = client.get("/sodertorn/goals/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    if source:
        assert source in page and source in listing
    else:
        assert "sdg-translation-source" not in page
