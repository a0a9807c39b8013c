"""The hub's own financing plan (the partnership's budget): public to read, kept by the hub's
stewards and network lead only."""

from decimal import Decimal

import pytest

from apps.funding.models import CostLine, FundingSource

pytestmark = pytest.mark.django_db

URL = "/oslo/funding/hub/budget/"


def test_the_steward_keeps_the_partnerships_budget(client, oslo, stella):
    client.force_login(stella)
    page = client.get("/oslo/")
    assert URL in page.content.decode()
    response = client.post(
        URL + "lines/",
        {"line-description": "Sekretariat", "line-category": "other", "line-planned": "400 000,50"},
        HTTP_ACCEPT_LANGUAGE="nb",
    )
    assert response.status_code == 302, response.content.decode()[:500]
    line = CostLine.objects.get()
    assert (line.budget.initiative, line.planned) == (None, Decimal("400000.50"))
    response = client.post(
        URL + "sources/",
        {"source-kind": "municipal", "source-description": "Oslo kommune", "source-planned": "300000"},
    )
    assert response.status_code == 302
    source = FundingSource.objects.get()
    assert client.get(f"{URL}lines/{line.pk}/").status_code == 200
    assert client.get(f"{URL}sources/{source.pk}/").status_code == 200
    page = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "400,000.50" in page and "Oslo kommune" in page
    csv = client.get("/oslo/funding/hub/budget.csv").content.decode()
    assert "Sekretariat" in csv and "400000.50" in csv


def test_anyone_reads_it(client, oslo):
    assert client.get(URL).status_code == 200


@pytest.mark.parametrize("who", ["bob", "mia", "petra", "sven", "vic"])
def test_only_the_hubs_leads_change_it(client, request, oslo, who):
    client.force_login(request.getfixturevalue(who))
    response = client.post(
        URL + "lines/", {"line-description": "X", "line-category": "other", "line-planned": "1"}
    )
    assert response.status_code == 403
    assert not CostLine.objects.exists()
    assert URL not in client.get("/oslo/").content.decode()


def test_bad_amount_is_400_and_saves_nothing(client, oslo, nora):
    client.force_login(nora)
    response = client.post(
        URL + "lines/",
        {"line-description": "X", "line-category": "other", "line-planned": "-5"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert not CostLine.objects.exists()
