"""Who may do what in a hub's general meetings. `obj` is a Hub, Meeting, Motion or Ballot.

| permission                       | anyone | member | partner rep | hub lead |
| -------------------------------- | ------ | ------ | ----------- | -------- |
| view_meeting / view_decisions    | yes    | yes    | yes         | yes      |
| manage_meetings (meetings, agenda, minutes, ballots, open/close, draw) | – | – | – | yes |
| propose_motion (meeting not closed) | –   | yes    | yes         | yes      |
| withdraw_motion (undecided)      | –      | proposer | proposer  | yes      |
| hold_vote                        | –      | yes    | yes         | as member |
| vote (ballot open)               | –      | yes    | yes         | as member |
| view_open_votes (open ballot, closed) | – | yes    | yes         | yes      |

Hub leads are the stewards and the network lead (`apps.hubs.rules.is_hub_lead`); an office in
another hub gives nothing here. `vote` says whether someone may vote at all; the service
decides *for whom* (themselves as a member, or an organisation they represent) and refuses a
second vote.
"""

from typing import Any

import rules

from apps.hubs.rules import is_hub_lead, is_member, is_partner_representative


def _meeting_of(obj: Any) -> Any:
    if obj is None:
        return None
    if hasattr(obj, "agenda_items"):
        return obj
    return getattr(obj, "meeting", None)


@rules.predicate
def meeting_not_closed(user: Any, obj: Any) -> bool:
    meeting = _meeting_of(obj)
    return meeting is not None and meeting.status != "closed"


@rules.predicate
def ballot_is_open(user: Any, ballot: Any) -> bool:
    return getattr(ballot, "status", None) == "open"


@rules.predicate
def ballot_is_closed_and_open_kind(user: Any, ballot: Any) -> bool:
    return getattr(ballot, "status", None) == "closed" and not getattr(ballot, "secret", True)


@rules.predicate
def is_proposer(user: Any, motion: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and getattr(motion, "proposed_by_id", None) is not None
        and motion.proposed_by_id == user.pk
    )


@rules.predicate
def motion_undecided(user: Any, motion: Any) -> bool:
    return getattr(motion, "outcome", None) == "pending"


is_owner = is_member | is_partner_representative

rules.add_perm("governance.view_meeting", rules.always_allow)
rules.add_perm("governance.view_decisions", rules.always_allow)
rules.add_perm("governance.manage_meetings", is_hub_lead)
rules.add_perm("governance.propose_motion", (is_owner | is_hub_lead) & meeting_not_closed)
rules.add_perm("governance.withdraw_motion", (is_hub_lead | (is_proposer & is_owner)) & motion_undecided)
# Holds a vote in the hub at all (a member, or a representative of an approved partner).
rules.add_perm("governance.hold_vote", is_owner)
rules.add_perm("governance.vote", is_owner & ballot_is_open)
rules.add_perm("governance.view_open_votes", (is_owner | is_hub_lead) & ballot_is_closed_and_open_kind)
