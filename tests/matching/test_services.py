"""Needs and the life of an introduction: introduced → accepted or declined, told to the people
concerned, recorded in the audit log; bad input refused with nothing saved."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.audit.models import AuditEntry
from apps.matching import services
from apps.matching.models import Introduction, Need
from apps.notifications.models import Notification

pytestmark = pytest.mark.django_db


def codes(error):
    return {e.code for errors in error.value.error_dict.values() for e in errors}


def test_the_team_adds_and_removes_needs(courtyard, tom, carpentry):
    need = services.need_add(actor=tom, initiative=courtyard, kind="partner", text="  Et borettslag  ")
    assert need.text == "Et borettslag"
    services.need_add(actor=tom, initiative=courtyard, kind="competence", competence=carpentry, text="benker")
    services.need_remove(actor=tom, need=need)
    assert set(Need.objects.filter(initiative=courtyard).values_list("kind", flat=True)) == {
        "competence",
        "resource",
    }


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"kind": "competence"}, "required"),
        ({"kind": "resource", "text": "   "}, "required"),
        ({"kind": "resource", "text": "x" * 301}, "too_long"),
        ({"kind": "magic", "text": "x"}, "kind"),
    ],
)
def test_bad_needs_are_refused(courtyard, tom, kwargs, code):
    before = Need.objects.count()
    with pytest.raises(ValidationError) as error:
        services.need_add(actor=tom, initiative=courtyard, **kwargs)
    assert code in codes(error)
    assert Need.objects.count() == before


def test_a_competence_is_needed_once(courtyard, tom, gardening):
    with pytest.raises(ValidationError) as error:
        services.need_add(actor=tom, initiative=courtyard, kind="competence", competence=gardening)
    assert "unique" in codes(error)


def test_an_outsider_cannot_add_needs(courtyard, mia, sven):
    for person in (mia, sven):
        with pytest.raises(PermissionDenied):
            services.need_add(actor=person, initiative=courtyard, kind="resource", text="Jord")


def test_an_introduction_tells_both_sides_and_is_recorded(intro, gina, olga, stella):
    assert intro.status == "introduced"
    assert Notification.objects.filter(recipient=gina, kind="matching").count() == 1
    assert Notification.objects.filter(recipient=olga, kind="matching").count() == 1
    entry = AuditEntry.objects.get(action="matching.introduce")
    assert entry.actor == stella


def test_accepting_tells_the_initiative_and_the_stewards(intro, gina, olga, stella):
    services.introduction_answer(actor=gina, introduction=intro, accept=True, answer="Gjerne!")
    intro.refresh_from_db()
    assert (intro.status, intro.answered_by, intro.answer) == ("accepted", gina, "Gjerne!")
    assert Notification.objects.filter(recipient=olga, kind="matching").count() == 2
    assert Notification.objects.filter(recipient=stella, kind="matching").count() == 1
    assert AuditEntry.objects.filter(action="matching.accept").count() == 1
    with pytest.raises(ValidationError) as error:
        services.introduction_answer(actor=gina, introduction=intro, accept=False)
    assert "answered" in codes(error)


def test_a_representative_declines_for_the_organisation(courtyard, stella, petra, acme_soil):
    intro = services.introduction_create(actor=stella, initiative=courtyard, organisation=acme_soil)
    assert Notification.objects.filter(recipient=petra, kind="matching").count() == 1
    services.introduction_answer(actor=petra, introduction=intro, accept=False)
    assert Introduction.objects.get().status == "declined"
    assert AuditEntry.objects.filter(action="matching.decline").count() == 1


def test_one_open_introduction_per_person_then_again_after_an_answer(intro, stella, gina, courtyard):
    with pytest.raises(ValidationError) as error:
        services.introduction_create(actor=stella, initiative=courtyard, user=gina)
    assert "unique" in codes(error)
    services.introduction_answer(actor=gina, introduction=intro, accept=False)
    again = services.introduction_create(actor=stella, initiative=courtyard, user=gina)
    assert again.status == "introduced"


def test_only_consenting_members_and_approved_partners_are_introduced(
    cast, stella, courtyard, uma, pia, sara, byggmester
):
    for user in (uma, pia, sara):
        with pytest.raises(ValidationError) as error:
            services.introduction_create(actor=stella, initiative=courtyard, user=user)
        assert "not_member" in codes(error)
    with pytest.raises(ValidationError) as error:
        services.introduction_create(actor=stella, initiative=courtyard, organisation=byggmester)
    assert "not_partner" in codes(error)
    with pytest.raises(ValidationError):
        services.introduction_create(actor=stella, initiative=courtyard)
    assert not Introduction.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="matching.").exists()


def test_only_hub_leads_introduce(courtyard, gina, olga, tom, sven, bob):
    for person in (olga, tom, sven, bob):
        with pytest.raises(PermissionDenied):
            services.introduction_create(actor=person, initiative=courtyard, user=gina)


def test_nobody_else_answers(intro, stella, olga, mia, petra):
    for person in (stella, olga, mia, petra):
        with pytest.raises(PermissionDenied):
            services.introduction_answer(actor=person, introduction=intro, accept=True)
    assert Introduction.objects.get().status == "introduced"
