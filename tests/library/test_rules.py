"""The role table of apps/library/rules.py, cell by cell."""

import pytest

from apps.library import services
from apps.library.models import Course

pytestmark = pytest.mark.django_db

ROLES = ["root", "stella", "nora", "bob", "olga", "tom", "author", "mia", "vic", "anon", "sven"]


@pytest.fixture
def people(request, root, stella, nora, bob, olga, lena, tom, mia, vic, sven, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    from tests.factories import MembershipFactory, UserFactory

    author = MembershipFactory(
        hub=stella.memberships.first().hub, user=UserFactory(email="au@example.org")
    ).user
    return {
        "root": root,
        "stella": stella,
        "nora": nora,
        "bob": bob,
        "olga": olga,
        "lena": lena,
        "tom": tom,
        "author": author,
        "mia": mia,
        "vic": vic,
        "anon": AnonymousUser(),
        "sven": sven,
    }


def row(people, perm, obj):
    return [people[name].has_perm(perm, obj) for name in ROLES]


def test_view_published_entry_everyone(people, published):
    assert row(people, "library.view_entry", published) == [True] * 11


def test_view_draft_entry(people, oslo):
    draft = services.entry_create(
        actor=people["author"], hub=oslo, kind="guide", title="Utkast", licence="cc0-1.0"
    )
    assert row(people, "library.view_entry", draft) == [
        True,
        True,
        True,
        False,
        False,
        False,
        True,
        False,
        False,
        False,
        False,
    ]


def test_view_draft_case_study(people, case_study):
    assert row(people, "library.view_entry", case_study) == [
        True,
        True,
        True,
        False,
        True,
        False,
        False,
        False,
        False,
        False,
        False,
    ]
    assert people["lena"].has_perm("library.view_entry", case_study)


def test_add_entry(people, oslo):
    assert row(people, "library.add_entry", oslo) == [
        True,
        True,
        True,
        True,
        False,
        False,
        True,
        True,
        False,
        False,
        False,
    ]


def test_change_entry_draft_and_published(people, oslo):
    draft = services.entry_create(
        actor=people["author"], hub=oslo, kind="guide", title="Utkast", licence="cc0-1.0"
    )
    assert row(people, "library.change_entry", draft) == [
        True,
        True,
        True,
        False,
        False,
        False,
        True,
        False,
        False,
        False,
        False,
    ]
    services.entry_publish(actor=people["stella"], entry=draft)
    draft.refresh_from_db()
    assert row(people, "library.change_entry", draft) == [
        True,
        True,
        True,
        False,
        False,
        False,
        False,
        False,
        False,
        False,
        False,
    ]


def test_change_case_study(people, case_study):
    assert row(people, "library.change_entry", case_study) == [
        True,
        True,
        True,
        False,
        True,
        False,
        False,
        False,
        False,
        False,
        False,
    ]
    assert people["lena"].has_perm("library.change_entry", case_study)


def test_publish_entry(people, oslo):
    assert row(people, "library.publish_entry", oslo) == [
        True,
        True,
        True,
        False,
        False,
        False,
        False,
        False,
        False,
        False,
        False,
    ]


def test_draft_case_study(people, benches):
    assert row(people, "library.draft_case_study", benches) == [
        True,
        True,
        True,
        False,
        True,
        False,
        False,
        False,
        False,
        False,
        False,
    ]
    assert people["lena"].has_perm("library.draft_case_study", benches)


def test_approve_case_study(people, case_study):
    assert row(people, "library.approve_case_study", case_study) == [
        True,
        False,
        False,
        False,
        True,
        False,
        False,
        False,
        False,
        False,
        False,
    ]
    assert people["lena"].has_perm("library.approve_case_study", case_study)


def test_manage_course(people, oslo):
    course = Course.objects.create(hub=oslo, title="Stedskapingskolen")
    expected = [True, True, True, False, False, False, False, False, False, False, False]
    assert row(people, "library.manage_course", oslo) == expected
    assert row(people, "library.manage_course", course) == expected


def test_view_and_take_course(people, oslo):
    course = Course.objects.create(hub=oslo, title="Stedskapingskolen")
    managers = [True, True, True, False, False, False, False, False, False, False, False]
    assert row(people, "library.view_course", course) == managers
    assert row(people, "library.take_course", course) == managers
    course.is_published = True
    assert row(people, "library.view_course", course) == [True] * 11
    assert row(people, "library.take_course", course) == [True] * 9 + [False, True]


def test_manage_feeds(people, oslo):
    assert row(people, "library.manage_feeds", oslo) == [
        True,
        True,
        True,
        False,
        False,
        False,
        False,
        False,
        False,
        False,
        False,
    ]
