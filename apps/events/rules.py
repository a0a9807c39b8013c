"""Who may do what with events. `obj` is a Space (creating) or an Event.

Organisers of events in a space: the hub's stewards and network lead, and for an initiative's
events also its owner and team. An event's own organiser may change it, see who comes and
record minutes. Anyone signed in may register; the service checks that registration is open.
"""

from typing import Any

import rules

from apps.hubs.rules import is_hub_lead
from apps.initiatives.rules import is_in_team


@rules.predicate
def is_organiser(user: Any, obj: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and getattr(obj, "organiser_id", None) is not None
        and obj.organiser_id == user.pk
    )


@rules.predicate
def is_authenticated(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


can_organise = is_hub_lead | is_in_team

rules.add_perm("events.view_event", rules.always_allow)
rules.add_perm("events.add_event", can_organise)
rules.add_perm("events.change_event", can_organise | is_organiser)
rules.add_perm("events.view_attendees", can_organise | is_organiser)
rules.add_perm("events.record_minutes", can_organise | is_organiser)
rules.add_perm("events.register", is_authenticated)
