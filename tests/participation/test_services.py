"""Ideas, comments, support and reports through the services: counts stay exact."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from apps.audit.models import AuditEntry
from apps.participation import services
from apps.participation.models import Comment, Idea, Report, Support
from apps.participation.selectors import comment_tree
from tests.factories import UserFactory
from tests.participation.conftest import make_comment, make_idea

pytestmark = pytest.mark.django_db


def test_idea_is_created_in_its_space(space, mia, initiative):
    idea = make_idea(space, mia, category="green")
    assert (idea.hub, idea.initiative, idea.area) == (space.hub, initiative, None)
    assert idea.space.key == "i-gronn-gardsplass"
    assert idea.get_absolute_url() == f"/oslo/ideas/i-gronn-gardsplass/{idea.pk}/"
    assert (idea.support_count, idea.comment_count, idea.status) == (0, 0, "visible")


def test_anonymous_cannot_post(space):
    with pytest.raises(PermissionDenied):
        make_idea(space, AnonymousUser())


@pytest.mark.parametrize(
    ("title", "body", "field"),
    [
        ("", "Body", "title"),
        ("  ", "Body", "title"),
        ("Title", "", "body"),
        ("x" * 141, "Body", "title"),
        ("T", "x" * 5001, "body"),
    ],
)
def test_empty_or_oversized_text_is_refused(space, mia, title, body, field):
    with pytest.raises(ValidationError) as info:
        make_idea(space, mia, title=title, body=body)
    assert field in info.value.message_dict
    assert not Idea.objects.exists()


def test_unknown_category_is_refused(space, mia):
    with pytest.raises(ValidationError):
        make_idea(space, mia, category="nonsense")


def test_support_once_per_person_and_withdraw(idea, mia, vic):
    services.support_add(idea=idea, user=vic)
    with pytest.raises(ValidationError) as info:
        services.support_add(idea=idea, user=vic)
    assert info.value.code == "duplicate"
    services.support_add(idea=idea, user=mia)
    idea.refresh_from_db()
    assert idea.support_count == 2 == Support.objects.filter(idea=idea).count()

    services.support_withdraw(idea=idea, user=vic)
    with pytest.raises(ValidationError) as info:
        services.support_withdraw(idea=idea, user=vic)
    assert info.value.code == "absent"
    idea.refresh_from_db()
    assert idea.support_count == 1 == Support.objects.filter(idea=idea).count()
    # Withdrawn support can be given again.
    services.support_add(idea=idea, user=vic)
    idea.refresh_from_db()
    assert idea.support_count == 2


def test_hidden_idea_takes_no_support_or_comments(idea, stella, vic):
    services.idea_hide(idea=idea, actor=stella, reason="Off topic")
    with pytest.raises(ValidationError):
        services.support_add(idea=idea, user=vic)
    with pytest.raises(ValidationError):
        make_comment(idea, vic)


def test_threaded_comments_keep_the_count_and_depth(idea, mia, vic, bob):
    first = make_comment(idea, vic, "Top")
    reply = make_comment(idea, mia, "Reply", parent=first)
    deeper = make_comment(idea, bob, "Deeper", parent=reply)
    deepest = make_comment(idea, vic, "Too deep", parent=deeper)
    second = make_comment(idea, bob, "Another top")
    assert [c.depth for c in (first, reply, deeper)] == [0, 1, 2]
    # Past the shown depth a reply joins the deepest level, under the same thread.
    assert deepest.depth == 2 and deepest.parent_id == reply.pk
    idea.refresh_from_db()
    assert idea.comment_count == 5

    tree = comment_tree(idea=idea)
    assert [n.comment.pk for n in tree] == [first.pk, second.pk]
    assert [n.comment.pk for n in tree[0].children] == [reply.pk]
    assert [n.comment.pk for n in tree[0].children[0].children] == [deeper.pk, deepest.pk]


def test_reply_to_a_comment_of_another_idea_is_refused(space, idea, mia, vic):
    other = make_idea(space, vic, title="Other")
    foreign = make_comment(other, vic)
    with pytest.raises(ValidationError):
        make_comment(idea, mia, parent=foreign)


def test_hiding_a_comment_adjusts_the_count(idea, vic, stella):
    comment = make_comment(idea, vic)
    services.comment_hide(comment=comment, actor=stella, reason="Rude")
    idea.refresh_from_db()
    assert idea.comment_count == 0
    services.comment_unhide(comment=comment, actor=stella)
    idea.refresh_from_db()
    assert idea.comment_count == 1


def test_one_open_report_per_person_per_item(idea, vic, mia, stella):
    comment = make_comment(idea, mia)
    services.report_create(target=idea, reporter=vic, reason="Spam")
    with pytest.raises(ValidationError) as info:
        services.report_create(target=idea, reporter=vic, reason="Spam again")
    assert info.value.code == "duplicate"
    # The same person may report a comment of the idea, and others the idea.
    services.report_create(target=comment, reporter=vic, reason="Rude")
    services.report_create(target=idea, reporter=stella, reason="Spam")
    assert Report.objects.filter(status="open").count() == 3
    with pytest.raises(ValidationError):
        services.report_create(target=idea, reporter=mia, reason="   ")


def test_after_a_decision_the_same_person_may_report_again(idea, vic, stella):
    report = services.report_create(target=idea, reporter=vic, reason="Spam")
    services.report_dismiss(report=report, actor=stella, reason="Fine")
    services.report_create(target=idea, reporter=vic, reason="Still spam")
    assert Report.objects.filter(reporter=vic).count() == 2


def test_mail_to_the_author_when_hidden(idea, stella, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.idea_hide(idea=idea, actor=stella, reason="Personal attacks")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["mia@example.org"]
    assert "Personal attacks" in mailoutbox[0].body


def test_initiative_team_moderates_its_own_space_only(space, hub_space, olga, tom, mia):
    own = make_idea(space, mia)
    elsewhere = make_idea(hub_space, mia)
    services.idea_hide(idea=own, actor=tom, reason="Duplicate")
    services.idea_unhide(idea=own, actor=olga)
    with pytest.raises(PermissionDenied):
        services.idea_hide(idea=elsewhere, actor=olga, reason="No")
    assert AuditEntry.objects.count() == 2


def test_counts_survive_many_people(idea):
    people = [UserFactory() for _ in range(5)]
    for person in people:
        services.support_add(idea=idea, user=person)
        make_comment(idea, person)
    services.support_withdraw(idea=idea, user=people[0])
    idea.refresh_from_db()
    assert idea.support_count == 4 == Support.objects.filter(idea=idea).count()
    assert idea.comment_count == 5 == Comment.objects.filter(idea=idea, hidden=False).count()
