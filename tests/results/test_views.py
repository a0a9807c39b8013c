"""Result pages: who sees what, forms with bad input answer 400 and save nothing, the evidence
download is checked, the initiative page shows the panel, another hub's steward gets 403/404."""

from datetime import date

import pytest

from apps.notifications.models import Notification
from apps.results import services
from apps.results.models import Evidence, ProgressReport, Result
from tests.results.conftest import image_file, pdf_file

pytestmark = pytest.mark.django_db


def _valid(**overrides):
    data = {
        "title": "Tolv benker",
        "indicator_name": "Benker",
        "unit": "stk",
        "baseline": "0",
        "target": "12",
        "target_date": "2026-09-01",
        "publish": "1",
    }
    data.update(overrides)
    return data


def test_overview_and_space_pages(client, oslo, benches, own_result, green_result):
    response = client.get("/oslo/results/")
    assert response.status_code == 200
    assert "Tolv benker" in response.text and "Mer grønt" not in response.text  # a draft
    response = client.get("/oslo/results/i-benker/")
    assert response.status_code == 200
    assert "Tolv benker" in response.text and "Mer grønt" not in response.text
    assert client.get("/oslo/results/hub/").status_code == 200
    assert client.get("/oslo/results/i-nope/").status_code == 404


def test_team_sees_drafts_and_the_data_series(client, benches, olga, green_result):
    client.force_login(olga)
    response = client.get("/oslo/results/i-benker/")
    assert "Mer grønt" in response.text
    # The knowledge data for Gamle Oslo: a line drawn on the server and a table of numbers.
    assert "<polyline" in response.text and "<table" in response.text and "2023" in response.text


def test_draft_result_is_hidden_from_others(client, green_result, mia, sven):
    url = green_result.get_absolute_url()
    assert client.get(url).status_code == 403
    client.force_login(sven)
    assert client.get(url).status_code == 403
    assert client.get(f"/sodertorn/results/r/{green_result.pk}/").status_code == 404


def test_team_creates_a_result(client, benches, olga):
    client.force_login(olga)
    assert client.get("/oslo/results/i-benker/new/").status_code == 200
    response = client.post("/oslo/results/i-benker/new/", _valid())
    result = Result.objects.get()
    assert response.status_code == 302 and response.url == result.get_absolute_url()
    assert result.status == "published" and result.initiative == benches


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"target_date": "1999-01-01"}, "target_date"),
        ({"target_date": "2101-01-01"}, "target_date"),
        ({"target": "mange"}, "target"),
        ({"baseline": "1,2,3"}, "baseline"),
    ],
)
def test_bad_result_input_is_400(client, benches, olga, overrides, field):
    client.force_login(olga)
    response = client.post("/oslo/results/i-benker/new/", _valid(**overrides))
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert Result.objects.count() == 0


def test_indicator_of_another_hub_or_without_data_is_400(
    client, oslo, sodertorn, benches, olga, empty_indicator
):
    from apps.knowledge.models import Indicator

    foreign = Indicator.objects.create(hub=sodertorn, code="x", name_en="X", category="social")
    client.force_login(olga)
    for indicator in (foreign, empty_indicator):
        response = client.post(
            "/oslo/results/i-benker/new/", _valid(indicator=str(indicator.pk), indicator_name="")
        )
        assert response.status_code == 400
        assert "has data for the area" in str(response.context["form"].errors["indicator"])
    assert Result.objects.count() == 0


def test_hub_result_with_indicator_and_area(client, oslo, stella, green, gamle):
    client.force_login(stella)
    response = client.post(
        "/oslo/results/hub/new/", _valid(indicator=str(green.pk), area=str(gamle.pk), indicator_name="")
    )
    assert response.status_code == 302
    result = Result.objects.get()
    assert result.initiative is None and result.indicator == green and result.area == gamle


def test_outsiders_cannot_create(client, benches, mia, sven):
    for person in (mia, sven):
        client.force_login(person)
        assert client.get("/oslo/results/i-benker/new/").status_code == 403
        assert client.post("/oslo/results/i-benker/new/", _valid()).status_code == 403
        assert client.post("/oslo/results/hub/new/", _valid()).status_code == 403
    assert Result.objects.count() == 0


def test_report_flow_with_evidence_and_photo(client, oslo, benches, olga, own_result, mia, vic):
    client.force_login(olga)
    response = client.post(
        "/oslo/results/i-benker/reports/new/",
        {
            "title": "Fire benker",
            "text": "**Fire**",
            "result": str(own_result.pk),
            "value": "4",
            "measured_on": "2026-06-01",
        },
    )
    report = ProgressReport.objects.get()
    assert response.status_code == 302 and report.status == "draft" and report.value == 4
    url = report.get_absolute_url()
    assert client.post(f"{url}evidence/", {"ev-file": pdf_file(), "ev-name": "Telling"}).status_code == 302
    assert (
        client.post(f"{url}photos/", {"ph-image": image_file(), "ph-alt_text": "Fire benker"}).status_code
        == 302
    )
    bad = client.post(f"{url}photos/", {"ph-image": pdf_file(), "ph-alt_text": "x"})
    assert bad.status_code == 400
    document = Evidence.objects.get()
    download = f"{url}evidence/{document.pk}/"
    assert client.get(download).status_code == 200
    client.logout()
    assert client.get(url).status_code == 403  # a draft
    client.force_login(olga)
    assert client.post(f"{url}publish/").status_code == 302
    client.force_login(mia)
    response = client.get(url)
    assert response.status_code == 200 and "<strong>Fire</strong>" in response.text
    assert client.get(download).status_code == 200  # a member
    client.force_login(vic)
    assert client.get(url).status_code == 200
    assert client.get(download).status_code == 403  # not a member
    client.logout()
    assert client.get(download).status_code == 302  # sign in first
    assert client.get(f"/sodertorn/results/p/{report.pk}/").status_code == 404


def test_bad_report_value_is_400(client, benches, olga, own_result):
    client.force_login(olga)
    response = client.post(
        "/oslo/results/i-benker/reports/new/",
        {"title": "T", "text": "x", "result": str(own_result.pk), "value": "fire"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["value"]
    assert ProgressReport.objects.count() == 0


def test_final_report_through_the_page_tells_followers(client, oslo, benches, olga, mia):
    from apps.initiatives.models import Follow

    Follow.objects.create(initiative=benches, user=mia)
    client.force_login(olga)
    client.post(
        "/oslo/results/i-benker/reports/new/", {"title": "Det ble benker", "text": "Takk", "is_final": "on"}
    )
    report = ProgressReport.objects.get()
    assert report.is_final
    response = client.post(f"{report.get_absolute_url()}publish/", follow=True)
    assert response.status_code == 200
    assert Notification.objects.filter(recipient=mia).count() == 1
    again = client.post(f"{report.get_absolute_url()}publish/")
    assert again.status_code == 400
    assert Notification.objects.count() == 1


def test_stranger_cannot_publish(client, oslo, benches, olga, sven):
    report = services.report_create(hub=oslo, initiative=benches, actor=olga, title="T", text="x")
    client.force_login(sven)
    assert client.post(f"/oslo/results/p/{report.pk}/publish/").status_code == 403
    report.refresh_from_db()
    assert report.status == "draft"


def test_initiative_page_shows_the_panel(client, oslo, benches, own_result):
    response = client.get(benches.get_absolute_url())
    assert response.status_code == 200
    assert 'id="results-panel-heading"' in response.text and "Tolv benker" in response.text


def test_result_edit(client, own_result, olga):
    client.force_login(olga)
    url = f"{own_result.get_absolute_url()}edit/"
    assert client.get(url).status_code == 200
    response = client.post(url, _valid(title="Femten", target="15"))
    assert response.status_code == 302
    own_result.refresh_from_db()
    assert own_result.title == "Femten" and own_result.target_date == date(2026, 9, 1)


def test_hub_page_links_to_results(client, oslo):
    response = client.get("/oslo/")
    assert response.status_code == 200 and "/oslo/results/" in response.text
