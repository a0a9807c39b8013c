"""The dashboard pages: public, the same numbers as the selectors, nothing private, CSV."""

import csv
import io

import pytest
from django.urls import reverse

from apps.goals.models import HubGoal

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"hubs:dashboards:{name}", args=args)


def rows(response):
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


PAGES = [
    ("hub", ("oslo",)),
    ("goal", ("oslo", "green")),
    ("target", ("oslo", "green", "11.7.L1")),
    ("area", ("oslo", "0301-01")),
]


@pytest.mark.parametrize(("name", "args"), PAGES)
@pytest.mark.parametrize("who", ["anonymous", "vic", "mia", "sven"])
def test_pages_are_public(client, world, vic, mia, sven, name, args, who):
    if who != "anonymous":
        client.force_login({"vic": vic, "mia": mia, "sven": sven}[who])
    response = client.get(url(name, *args))
    assert response.status_code == 200
    html = response.content.decode()
    # nothing private: no person's name, no offered or withdrawn amount, no draft
    for private in (
        "Olga Owner",
        "Tom Team",
        "Pia Pledger",
        "Per Partner",
        "Mia Member",
        "Secret draft result",
    ):
        assert private not in html
    for hidden in ("999.00", "999,00", "77,777", "77\xa0777", "5,555", "5\xa0555"):
        assert hidden not in html
    csv_response = client.get(url(f"{name}_csv", *args))
    assert csv_response.status_code == 200
    text = csv_response.content.decode()
    assert "Olga" not in text and "Secret" not in text and "999.00" not in text


def test_hub_page_shows_the_numbers(client, world):
    response = client.get(url("hub", "oslo"))
    html = response.content.decode()
    assert html.count('data-testid="goal-card"') == 2
    assert 'data-testid="people-total">8<' in html
    assert 'data-testid="partner-total">3<' in html
    assert 'data-testid="initiative-total">5<' in html
    assert 'data-testid="money-partner_money">3,000.10\xa0kr<' in html
    assert 'data-testid="money-budget_planned">15,000.10\xa0kr<' in html
    assert 'data-testid="hours-partner_hours">15<' in html
    assert "<caption>" in html and 'scope="row"' in html
    # the chart is an enhancement: its data sits beside the table, the canvas is hidden from readers
    assert 'id="dashboard-charts"' in html
    # The chart is drawn by the script, which shows its box; without JavaScript the table stands alone.
    assert 'aria-hidden="true" data-js-only hidden><canvas data-dashboard-chart="status">' in html
    assert reverse("hubs:dashboards:goal", args=["oslo", "green"]) in html
    assert reverse("hubs:dashboards:area", args=["oslo", "0301-01"]) in html


def test_goal_page_lists_its_targets(client, world):
    html = client.get(url("goal", "oslo", "green")).content.decode()
    assert 'data-testid="people-total">6<' in html
    assert reverse("hubs:dashboards:target", args=["oslo", "green", "11.7.L1"]) in html


def test_area_page_shows_its_trail_and_children(client, world):
    html = client.get(url("area", "oslo", "0301-01-01-1")).content.decode()
    assert "Gamle Oslo" in html and "Grønland" in html
    html = client.get(url("area", "oslo", "0301-01")).content.decode()
    assert 'data-testid="initiative-total">3<' in html
    assert reverse("hubs:dashboards:area", args=["oslo", "0301-01-02"]) in html


def test_empty_hub(client, sodertorn):
    response = client.get(url("hub", "sodertorn"))
    assert response.status_code == 200
    assert "No goals yet" in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        ("goal", ("sodertorn", "climate")),  # Oslo's goal under Södertörn
        ("goal", ("oslo", "nope")),
        ("target", ("oslo", "climate", "11.7.L1")),  # a target of another goal
        ("target", ("oslo", "green", "11.7.L9")),
        ("area", ("sodertorn", "0301-01")),  # Oslo's area under Södertörn
        ("hub", ("nowhere",)),
        ("goal_csv", ("sodertorn", "climate")),
        ("area_csv", ("sodertorn", "0301-01")),
    ],
)
def test_not_found(client, world, path):
    name, args = path
    assert client.get(url(name, *args)).status_code == 404


def test_only_reads(client, world):
    assert client.post(url("hub", "oslo")).status_code == 405


def test_hub_csv_figures(client, world):
    data = rows(client.get(url("hub_csv", "oslo")))
    assert data[0] == ["section", "scope", "scope_code", "key", "label", "value", "unit"]
    found = {(r[2], r[0], r[3]): (r[5], r[6]) for r in data[1:]}
    assert found[("hub:oslo", "initiatives", "total")] == ("5", "count")
    assert found[("hub:oslo", "initiatives", "status:active")] == ("2", "count")
    assert found[("hub:oslo", "people", "total")] == ("8", "count")
    assert found[("hub:oslo", "people", "pledges")] == ("2", "count")
    assert found[("hub:oslo", "partners", "total")] == ("3", "count")
    assert found[("hub:oslo", "money", "partner_money")] == ("3000.10", "NOK")
    assert found[("hub:oslo", "money", "budget_planned")] == ("15000.10", "NOK")
    assert found[("hub:oslo", "hours", "partner_hours")] == ("15", "hours")
    assert found[("hub:oslo", "hours", "partner_hours_value")] == ("6750.00", "NOK")
    assert found[("hub:oslo", "hours", "budget_hours_given")] == ("7.25", "hours")
    assert found[("hub:oslo", "results", "total")] == ("3", "count")
    assert found[("goal:green", "people", "total")] == ("6", "count")
    assert found[("goal:climate", "money", "pledged")] == ("350.75", "NOK")
    assert found[("area:0301-01", "initiatives", "total")] == ("3", "count")
    assert found[("area:0301-05", "people", "total")] == ("3", "count")
    assert (
        'filename="dashboard-oslo-figures.csv"' in client.get(url("hub_csv", "oslo"))["Content-Disposition"]
    )


def test_results_csv(client, world):
    data = rows(client.get(url("goal_csv", "oslo", "green") + "?table=results"))
    assert data[0][:3] == ["scope", "scope_code", "result"]
    by_title = {r[2]: r for r in data[1:]}
    assert sorted(by_title) == ["Green space in Tøyen", "Trees planted"]
    trees = by_title["Trees planted"]
    assert trees[3:] == ["Park", "Trees", "trees", "0", "100", "2027-01-01", "40", "40"]


def test_csv_quotes_formulas(client, world):
    HubGoal.objects.filter(pk=world.climate.pk).update(title="=HYPERLINK(1)")
    world.trees.title = "@SUM(A1)"
    world.trees.save(update_fields=["title"])
    data = rows(client.get(url("hub_csv", "oslo")))
    assert "'=HYPERLINK(1)" in {r[1] for r in data}
    assert "=HYPERLINK(1)" not in {r[1] for r in data}
    data = rows(client.get(url("hub_csv", "oslo") + "?table=results"))
    assert "'@SUM(A1)" in {r[2] for r in data}


def test_unknown_table_falls_back_to_figures(client, world):
    data = rows(client.get(url("area_csv", "oslo", "0301-01") + "?table=<script>"))
    assert data[0][0] == "section"


def test_linked_from_the_hub_and_the_area_pages(client, world):
    assert reverse("hubs:dashboards:hub", args=["oslo"]) in client.get("/oslo/").content.decode()
    area_page = client.get(reverse("hubs:places:area", args=["oslo", "0301-01"]))
    assert reverse("hubs:dashboards:area", args=["oslo", "0301-01"]) in area_page.content.decode()
