"""Who may run surveys and concept votes, and who may answer them.

`obj` is a `Space` (to create), a `Survey` or a `ConceptVote`. Organisers are the hub's
stewards and network lead, and for an initiative's space also the initiative's owner and team.
An office in one hub gives no power in another. Anyone signed in may answer a survey or vote;
people who are not signed in only answer surveys that allow it.

Decision on results: public results are aggregated (counts, shares, free text without names,
map points without names). The CSV export (one row per response) is for organisers only; it
names respondents only for moderators (the hub's stewards and network lead).
"""

from typing import Any

import rules

from apps.hubs.rules import is_hub_lead
from apps.initiatives.rules import is_in_team, is_initiative_owner


@rules.predicate
def is_signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


@rules.predicate
def allows_anonymous(user: Any, survey: Any) -> bool:
    return bool(getattr(survey, "allow_anonymous", False))


@rules.predicate
def is_finished(user: Any, obj: Any) -> bool:
    return bool(obj is not None and obj.finished)


@rules.predicate
def shows_live_results(user: Any, vote: Any) -> bool:
    return bool(vote is not None and vote.results_visible)


is_organiser = is_hub_lead | is_initiative_owner | is_in_team

# Create (obj: Space), edit, open and close (obj: Survey / ConceptVote).
rules.add_perm("surveys.add_survey", is_organiser)
rules.add_perm("surveys.change_survey", is_organiser)
rules.add_perm("surveys.add_vote", is_organiser)
rules.add_perm("surveys.change_vote", is_organiser)
# Enter paper, workshop and interview answers on people's behalf (facilitators): the hub's
# stewards and network lead, and the initiative's owner and team. Not ordinary members.
is_facilitator = is_hub_lead | is_initiative_owner | is_in_team
rules.add_perm("surveys.enter_survey_answers", is_facilitator)
rules.add_perm("surveys.enter_vote_answers", is_facilitator)
# Answer and vote.
rules.add_perm("surveys.answer_survey", is_signed_in | allows_anonymous)
rules.add_perm("surveys.cast_ballot", is_signed_in)
# Results: aggregated, public once finished (a vote also while open if the organiser chose so).
rules.add_perm("surveys.view_survey_results", is_finished | is_organiser)
rules.add_perm("surveys.view_vote_results", shows_live_results | is_organiser)
# One row per response: organisers; with names: moderators (hub leads) only.
rules.add_perm("surveys.export_responses", is_organiser)
rules.add_perm("surveys.see_respondents", is_hub_lead)


@rules.predicate
def is_published(user: Any, obj: Any) -> bool:
    return bool(obj is not None and obj.status != "draft")


# Drafts are seen by their organisers only.
rules.add_perm("surveys.view_survey", is_published | is_organiser)
rules.add_perm("surveys.view_vote", is_published | is_organiser)
