"""The input summary by resident group: who shared ideas, small groups suppressed."""

import pytest

from apps.participation import summary
from apps.residents import selectors as resident_selectors
from apps.residents import services as resident_services
from tests.factories import UserFactory
from tests.participation.conftest import make_idea

pytestmark = pytest.mark.django_db


def test_no_groups_when_the_hub_does_not_ask(space, mia):
    make_idea(space, mia)
    assert summary.by_group(space) == []


def test_authors_by_age_band_on_the_summary_page(client, oslo, stella, space):
    resident_services.settings_update(hub=oslo, actor=stella, enabled=True)
    age = next(q for q in resident_selectors.active_questions(hub=oslo) if q.kind == "age")
    for n in range(9):
        person = UserFactory()
        if n < 6:
            resident_services.answers_save(person=person, hub=oslo, raw={age.field: "20-34"})
        elif n < 8:
            resident_services.answers_save(person=person, hub=oslo, raw={age.field: "65-79"})
        make_idea(space, person, title=f"Idé {n}")
        make_idea(space, person, title=f"Idé {n} igjen")  # one person counts once
    breakdown = next(b for b in summary.by_group(space) if b.question.kind == "age")
    rows = {row.key: row.total for row in breakdown.rows}
    assert rows["20-34"] == 6
    assert rows["65-79"] is None and rows[""] is None  # 2 and 1: fewer than 5
    html = client.get("/oslo/ideas/i-gronn-gardsplass/summary/").content.decode()
    assert "By resident group" in html and "fewer than 5" in html
