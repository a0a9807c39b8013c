"""Who may do what with map input. `obj` is a MarkSettings (or a MapMark) of one space.

| action                      | steward / network lead | initiative owner/team | signed in | anonymous |
| --------------------------- | ---------------------- | --------------------- | --------- | --------- |
| see a mark (and its photo)  | yes                    | yes                   | if shown  | if shown  |
| see a hidden mark           | yes (own hub)          | yes (own initiative)  | no        | no        |
| change settings, categories | yes (own hub)          | yes (own initiative)  | no        | no        |
| hide / show a mark          | yes (own hub)          | yes (own initiative)  | no        | no        |
| place a mark (while open)   | yes                    | yes                   | yes       | if on     |
"""

from typing import Any

import rules

from apps.hubs.rules import is_hub_lead
from apps.initiatives.rules import in_team


def _settings_of(obj: Any) -> Any:
    return getattr(obj, "settings", obj) if obj is not None and hasattr(obj, "settings_id") else obj


@rules.predicate
def is_initiative_team(user: Any, obj: Any) -> bool:
    return in_team(user, _settings_of(obj))


@rules.predicate
def is_open(user: Any, obj: Any) -> bool:
    obj = _settings_of(obj)
    return bool(obj is not None and obj.is_open())


@rules.predicate
def may_post_as(user: Any, obj: Any) -> bool:
    obj = _settings_of(obj)
    return bool(getattr(user, "is_authenticated", False) or (obj is not None and obj.anonymous_allowed))


@rules.predicate
def is_shown(user: Any, mark: Any) -> bool:
    """A mark no moderator has hidden."""
    return bool(mark is not None and not getattr(mark, "hidden", False))


can_manage = is_hub_lead | is_initiative_team

rules.add_perm("mapinput.view_mark", is_shown | can_manage)  # obj: a MapMark

rules.add_perm("mapinput.change_settings", can_manage)
rules.add_perm("mapinput.hide_mark", can_manage)
rules.add_perm("mapinput.add_mark", is_open & may_post_as)
