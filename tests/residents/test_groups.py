"""Resident groups: who switches them on, asked once per person, bad answers, suppression and
breakdowns, and the comparison with the area's population."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from apps.knowledge.models import Indicator, Observation
from apps.residents import selectors, services
from apps.residents.models import DemographicAnswer, DemographicQuestion

pytestmark = pytest.mark.django_db


def _question(hub, kind):
    return next(q for q in selectors.active_questions(hub=hub) if q.kind == kind)


# Permissions ------------------------------------------------------------------------------


def test_steward_switches_groups_on(oslo, stella, areas):
    services.settings_update(hub=oslo, actor=stella, enabled=True)
    kinds = [q.kind for q in selectors.active_questions(hub=oslo)]
    assert kinds == ["age", "area"]
    assert _question(oslo, "area").choices == [("gamle-oslo", "Gamle Oslo"), ("grorud", "Grorud")]


@pytest.mark.parametrize("who", ["mia", "sven", "vic"])
def test_others_may_not_switch_groups_on(request, oslo, who):
    with pytest.raises(PermissionDenied):
        services.settings_update(hub=oslo, actor=request.getfixturevalue(who), enabled=True)
    assert not selectors.groups_enabled(hub=oslo)


@pytest.mark.parametrize(("who", "status"), [("stella", 200), ("mia", 403), ("sven", 403)])
def test_settings_page(client, request, oslo, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("hubs:residents:settings", args=[oslo.slug])).status_code == status


def test_settings_page_needs_sign_in(client, oslo):
    assert client.get(reverse("hubs:residents:settings", args=[oslo.slug])).status_code == 302


def test_switched_off_asks_nothing(oslo, stella, areas):
    services.settings_update(hub=oslo, actor=stella, enabled=True)
    services.settings_update(hub=oslo, actor=stella, enabled=False)
    assert selectors.active_questions(hub=oslo) == []


def test_steward_defines_a_question(oslo, stella, groups_on):
    services.question_add(hub=oslo, actor=stella, text="Har du barn?", choices=["Ja", "Nei"])
    custom = _question(oslo, "custom")
    assert custom.choices == [("0", "Ja"), ("1", "Nei")]


@pytest.mark.parametrize("choices", [["Ja"], ["Ja", "ja"], [], ["x" * 101, "y"]])
def test_a_bad_question_is_refused(oslo, stella, groups_on, choices):
    with pytest.raises(ValidationError) as caught:
        services.question_add(hub=oslo, actor=stella, text="Har du barn?", choices=choices)
    assert "choices" in caught.value.message_dict
    assert not DemographicQuestion.objects.filter(kind="custom").exists()


# Asked once, bad input ----------------------------------------------------------------------


def test_asked_once_and_reused(oslo, mia, groups_on):
    age = _question(oslo, "age")
    assert len(selectors.questions_to_ask(person=mia, hub=oslo)) == 2
    snapshot = services.snapshot_for(person=mia, hub=oslo, raw={age.field: "20-34"})
    assert snapshot == {str(age.id): "20-34"}
    assert [q.kind for q in selectors.questions_to_ask(person=mia, hub=oslo)] == ["area"]
    # Next time the stored answer is reused, and a new value does not overwrite it.
    assert services.snapshot_for(person=mia, hub=oslo, raw={age.field: "80+"}) == {str(age.id): "20-34"}


def test_person_changes_their_answer_on_their_page(client, oslo, mia, groups_on):
    age = _question(oslo, "age")
    client.force_login(mia)
    url = reverse("hubs:residents:me", args=[oslo.slug])
    assert client.post(url, {age.field: "50-64"}).status_code == 302
    assert client.post(url, {age.field: "-"}).status_code == 302
    assert DemographicAnswer.objects.get(person=mia).value == "-"
    page = client.get(url)
    assert page.status_code == 200
    assert "Prefer not to say" in page.content.decode()


def test_an_answer_outside_its_choices_is_refused(client, oslo, mia, groups_on):
    age, area = _question(oslo, "age"), _question(oslo, "area")
    with pytest.raises(ValidationError) as caught:
        services.answers_save(person=mia, hub=oslo, raw={age.field: "20-34", area.field: "atlantis"})
    assert list(caught.value.message_dict) == [area.field]
    assert not DemographicAnswer.objects.exists()
    client.force_login(mia)
    page = client.post(reverse("hubs:residents:me", args=[oslo.slug]), {area.field: "atlantis"})
    assert page.status_code == 400
    assert "Choose one of the answers" in page.content.decode()


def test_another_hubs_area_is_not_a_choice(oslo, sodertorn, mia, groups_on):
    area = _question(oslo, "area")
    with pytest.raises(ValidationError):
        services.clean_groups(hub=oslo, raw={area.field: "fittja"})


# Suppression --------------------------------------------------------------------------------


def test_nothing_hidden_when_all_counts_are_five_or_more():
    assert selectors.suppress({"a": 5, "b": 12, "c": 0}) == {"a": 5, "b": 12, "c": 0}


def test_one_small_count_hides_the_next_smallest_too():
    assert selectors.suppress({"a": 3, "b": 10, "c": 12}) == {"a": None, "b": None, "c": 12}


def test_two_small_counts_need_no_complement():
    assert selectors.suppress({"a": 3, "b": 4, "c": 12}) == {"a": None, "b": None, "c": 12}


def test_a_single_small_cell_alone_is_hidden():
    assert selectors.suppress({"a": 2, "b": 0}) == {"a": None, "b": 0}


def test_hidden_cell_cannot_be_derived_from_the_total():
    counts = {"a": 1, "b": 7, "c": 9, "d": 20}
    shown = selectors.suppress(counts)
    hidden = [k for k, v in shown.items() if v is None]
    assert len(hidden) >= 2 and "a" in hidden


# Breakdowns and population ------------------------------------------------------------------


def test_breakdown_counts_by_group_with_suppression(oslo, groups_on):
    age = _question(oslo, "age")
    key = str(age.id)
    items = (
        [({key: "20-34"}, "A")] * 6
        + [({key: "20-34"}, "B")] * 2
        + [({key: "65-79"}, "A")] * 3
        + [({key: "-"}, "B")] * 5
        + [({}, "A")] * 7
    )
    breakdown = next(
        b
        for b in selectors.breakdowns(hub=oslo, items=items, outcomes=[("A", "A"), ("B", "B")])
        if b.question.kind == "age"
    )
    rows = {row.key: row for row in breakdown.rows}
    assert rows["20-34"].total == 8
    assert rows["20-34"].cells == [None, None]  # 2 is under 5, and 6 would reveal it
    assert rows["65-79"].total is None and rows["65-79"].cells == [None, None]
    assert rows["-"].total is None  # the complement of 3: else 3 = 23 - 8 - 5 - 7
    assert rows[""].total == 7
    assert "0-19" not in rows  # nobody, and no population to compare with


def test_population_comparison_names_who_is_missing(oslo, groups_on, areas):
    indicator = Indicator.objects.create(
        hub=oslo, code="population_total", name_en="Population", category="social"
    )
    Observation.objects.create(indicator=indicator, area=areas[0], year=2024, value=60000)
    Observation.objects.create(indicator=indicator, area=areas[1], year=2024, value=40000)
    Observation.objects.create(indicator=indicator, area=areas[1], year=2020, value=1)  # older: ignored
    area = _question(oslo, "area")
    key = str(area.id)
    items = [({key: "gamle-oslo"}, None)] * 18 + [({key: "grorud"}, None)] * 6 + [({key: "-"}, None)] * 5
    breakdown = next(b for b in selectors.breakdowns(hub=oslo, items=items) if b.question.kind == "area")
    assert breakdown.has_population
    rows = {row.key: row for row in breakdown.rows}
    assert rows["gamle-oslo"].population_share == 60.0
    assert rows["gamle-oslo"].share == 75.0
    assert rows["grorud"].population_share == 40.0
    assert rows["grorud"].share == 25.0
    assert rows["grorud"].missing and not rows["gamle-oslo"].missing
    assert breakdown.missing_groups == ["Grorud"]


def test_no_population_data_no_comparison(oslo, groups_on):
    breakdowns = selectors.breakdowns(hub=oslo, items=[({}, None)] * 6)
    assert breakdowns and not any(b.has_population for b in breakdowns)


def test_signed_out_person_has_no_stored_answers(oslo, groups_on):
    anonymous = AnonymousUser()
    assert len(selectors.questions_to_ask(person=None, hub=oslo)) == 2
    assert selectors.answers_of(person=anonymous, hub=oslo) == {}


def test_hub_page_links(client, oslo, stella, mia, groups_on):
    client.force_login(stella)
    html = client.get(f"/{oslo.slug}/").content.decode()
    assert reverse("hubs:residents:settings", args=[oslo.slug]) in html
    client.force_login(mia)
    html = client.get(f"/{oslo.slug}/").content.decode()
    assert reverse("hubs:residents:settings", args=[oslo.slug]) not in html
    assert reverse("hubs:residents:me", args=[oslo.slug]) in html
