"""The index follows the data: every kind is indexed when made, an edit is found at once, a
deletion is gone at once, and `rebuild_search_index` makes it all again."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from apps.participation import services as participation_services
from apps.search import services
from apps.search.models import SearchDocument
from tests.factories import MembershipFactory, UserFactory, consent
from tests.search.conftest import (
    found,
    make_area,
    make_entry,
    make_event,
    make_goal,
    make_idea,
    make_initiative,
)


def test_every_kind_is_found(oslo, stella, mia):
    make_initiative(oslo, "Takhage på Tøyen", summary="Grønnsaker på taket")
    make_idea(oslo, mia, "Takhage for alle", "Et sted å dyrke på Tøyen")
    make_area(oslo, "Tøyen", "0301-04")
    make_goal(oslo, "Tøyen blir grønnere", code="toyen")
    make_event(oslo, "Dugnad på Tøyen")
    make_entry(oslo, stella, "Slik lager du en takhage på Tøyen")
    consent(mia)
    mia.profile.headline = "Bor på Tøyen"
    mia.profile.save()
    kinds = {kind for kind, _title in found("Tøyen")}
    assert kinds == {"initiative", "idea", "area", "goal", "event", "library", "member"}


def test_an_edit_is_found_at_once_and_the_old_words_are_gone(oslo):
    initiative = make_initiative(oslo, "Benker i parken")
    assert found("benker") == [("initiative", "Benker i parken")]
    initiative.title = "Blomster i parken"
    initiative.save()
    assert found("benker") == []
    assert found("blomster") == [("initiative", "Blomster i parken")]


def test_a_deletion_disappears_at_once(oslo, mia):
    idea = make_idea(oslo, mia, "Badstue ved fjorden")
    event = make_event(oslo, "Badstue-dugnad")
    assert len(found("badstue")) == 2
    idea.delete()
    assert found("badstue") == [("event", "Badstue-dugnad")]
    event.delete()
    assert found("badstue") == []
    assert SearchDocument.objects.count() == 0


def test_deleting_an_initiative_takes_its_ideas_and_events_along(oslo, mia):
    from apps.participation.spaces import Space

    initiative = make_initiative(oslo, "Parkløft")
    participation_services.idea_create(
        space=Space(hub=oslo, initiative=initiative), author=mia, title="Sykkelstativ", body="Ved porten"
    )
    make_event(oslo, "Sykkelverksted", initiative=initiative)
    assert len(found("sykkel")) == 2
    initiative.delete()
    assert found("sykkel") == []
    assert not SearchDocument.objects.exists()


def test_deleting_a_hub_removes_its_documents(oslo, sodertorn, sven):
    make_initiative(oslo, "Byhage")
    make_initiative(sodertorn, "Stadsodling")
    oslo.delete()
    assert set(SearchDocument.objects.values_list("title", flat=True)) == {"Stadsodling"}


def test_a_member_follows_consent_membership_and_name(oslo, mia):
    assert found("Mia") == []
    consent(mia)
    assert found("Mia") == [("member", "Mia Member")]
    mia.name = "Mia Medlem"
    mia.save()
    assert found("Medlem") == [("member", "Mia Medlem")]
    mia.profile.consent_public_profile = False
    mia.profile.save()
    assert found("Mia") == []


def test_a_member_leaves_and_is_gone(oslo, sodertorn):
    user = consent(UserFactory(name="Ragnhild Rask"))
    in_oslo = MembershipFactory(hub=oslo, user=user)
    MembershipFactory(hub=sodertorn, user=user)
    assert len(found("Ragnhild")) == 2
    in_oslo.delete()
    assert len(found("Ragnhild")) == 1
    assert len(found("Ragnhild", hub=oslo)) == 0


def test_a_pending_member_is_not_found(oslo):
    user = consent(UserFactory(name="Petter Pending"))
    MembershipFactory(hub=oslo, user=user, status="pending")
    assert found("Petter") == []


def test_a_log_in_does_not_reindex(oslo, mia, django_assert_num_queries):
    consent(mia)
    mia.last_login = None
    with django_assert_num_queries(1):
        mia.save(update_fields=["last_login"])


def test_rebuild_command_makes_the_index_again(oslo, sodertorn, stella, sven, mia):
    make_initiative(oslo, "Byhage")
    make_initiative(sodertorn, "Stadsodling")
    make_entry(oslo, stella, "Byhage-metoden")
    SearchDocument.objects.all().delete()
    assert found("byhage") == []
    out = StringIO()
    call_command("rebuild_search_index", "--hub", "oslo", stdout=out)
    assert "Indexed 2 documents of hub oslo" in out.getvalue()
    assert sorted(found("byhage")) == [("initiative", "Byhage"), ("library", "Byhage-metoden")]
    assert found("stadsodling") == []
    call_command("rebuild_search_index", stdout=StringIO())
    assert found("stadsodling") == [("initiative", "Stadsodling")]
    # Again: the same documents, no duplicates.
    before = SearchDocument.objects.count()
    call_command("rebuild_search_index", stdout=StringIO())
    assert SearchDocument.objects.count() == before


def test_rebuild_command_refuses_an_unknown_hub(oslo):
    with pytest.raises(CommandError, match="No hub"):
        call_command("rebuild_search_index", "--hub", "atlantis", stdout=StringIO())


def test_rebuild_is_bulk(oslo, django_assert_max_num_queries):
    for i in range(30):
        make_initiative(oslo, f"Prosjekt {i}", slug=f"p-{i}")
    with django_assert_max_num_queries(12):
        assert services.rebuild(hub=oslo) == 30


def test_highlight_marks_never_come_from_the_text(oslo):
    make_initiative(oslo, "Benk \ue000fri\ue001")
    assert SearchDocument.objects.get().title == "Benk fri"
