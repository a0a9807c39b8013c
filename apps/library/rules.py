"""Who may do what in the knowledge library (P5, X7). `obj` is a Hub, an Entry, a Course, a
Lesson or (drafting a case study) an Initiative.

Decided: the hub's leads (stewards and network lead) publish; any approved member of the hub
may write a draft and propose it, and a lead publishes it. A case study is drafted from a
finished initiative by its owner or project lead (or a hub lead), and only the initiative's team
— its owner or a project lead — approves it for publishing. Courses are run by the hub's leads
(the facilitators); any signed-in person may take a published course. Feeds of other
installations are followed only by the hub's leads: nothing fetches an address a person typed
without a lead subscribing or refreshing.

Columns: SU superuser, St steward, NL network lead, Bd board, IL the initiative's owner or
project lead (case studies), TM another team member, Au the entry's author (not published),
Mb member, Vi visitor (signed in), An anonymous, SX a steward of another hub.

| Action | SU | St | NL | Bd | IL | TM | Au | Mb | Vi | An | SX |
|---|---|---|---|---|---|---|---|---|---|---|---|
| `library.view_entry` (published) | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ |
| `library.view_entry` (draft, proposed) | ✓ | ✓ | ✓ | – | ✓ | – | ✓ | – | – | – | – |
| `library.add_entry` (propose) | ✓ | ✓ | ✓ | ✓ | – | – | · | ✓ | – | – | – |
| `library.change_entry` | ✓ | ✓ | ✓ | – | ✓ | – | ✓ | – | – | – | – |
| `library.publish_entry` | ✓ | ✓ | ✓ | – | – | – | – | – | – | – | – |
| `library.draft_case_study` | ✓ | ✓ | ✓ | – | ✓ | – | – | – | – | – | – |
| `library.approve_case_study` | ✓ | – | – | – | ✓ | – | – | – | – | – | – |
| `library.manage_course` | ✓ | ✓ | ✓ | – | – | – | – | – | – | – | – |
| `library.view_course` (published) | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ |
| `library.take_course` (published) | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | – | ✓ |
| `library.manage_feeds` | ✓ | ✓ | ✓ | – | – | – | – | – | – | – | – |

`·`: not applicable. IL and TM are people in the initiative's team who are not members of the hub.
`change_entry`: a hub lead any entry of the hub; the author their own while it is not published;
for a case study also its initiative's owner and project leads. `IL` counts only for a case study
of their initiative. An unpublished course is seen and taken only by those who manage it.
Tested cell by cell in `tests/library/test_rules.py`.
"""

from typing import Any

import rules

from apps.hubs.rules import is_hub_lead, is_member
from apps.initiatives.rules import initiative_of, is_initiative_owner, is_project_lead


@rules.predicate
def is_published(user: Any, obj: Any) -> bool:
    status = getattr(obj, "status", None)
    if status is not None:
        return bool(status == "published")
    return bool(getattr(obj, "is_published", False))


@rules.predicate
def is_author(user: Any, obj: Any) -> bool:
    return (
        getattr(user, "is_authenticated", False)
        and getattr(obj, "author_id", None) is not None
        and obj.author_id == user.pk
    )


@rules.predicate
def leads_its_initiative(user: Any, obj: Any) -> bool:
    """The owner or a project lead of the case study's initiative (or of the initiative itself)."""
    return initiative_of(obj) is not None and bool(
        is_initiative_owner(user, obj) or is_project_lead(user, obj)
    )


@rules.predicate
def is_signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


@rules.predicate
def _course_of_lesson_published(user: Any, obj: Any) -> bool:
    course = getattr(obj, "course", obj)
    return bool(getattr(course, "is_published", False))


def _course(obj: Any) -> Any:
    return getattr(obj, "course", obj)


@rules.predicate
def leads_hub_of_course(user: Any, obj: Any) -> bool:
    return bool(is_hub_lead(user, _course(obj)))


rules.add_perm("library.view_entry", is_published | is_hub_lead | is_author | leads_its_initiative)
rules.add_perm("library.add_entry", is_member)
rules.add_perm("library.change_entry", is_hub_lead | leads_its_initiative | (is_author & ~is_published))
rules.add_perm("library.publish_entry", is_hub_lead)
rules.add_perm("library.draft_case_study", is_hub_lead | leads_its_initiative)
rules.add_perm("library.approve_case_study", leads_its_initiative)
rules.add_perm("library.manage_course", leads_hub_of_course)
rules.add_perm("library.view_course", _course_of_lesson_published | leads_hub_of_course)
rules.add_perm("library.take_course", is_signed_in & (_course_of_lesson_published | leads_hub_of_course))
rules.add_perm("library.manage_feeds", is_hub_lead)
