"""Who may do what with value-creating dialogues. `obj` is the Hub (creating, listing), a
Dialogue, or a Value.

A dialogue is confidential: the hub's leads (stewards and network lead) and its parties see it.
A party is a person added as a participant, or a representative of an organisation added as a
participant. Everyone else, including the board, other members and the leads of another hub,
sees only what the leads published (`dialogues.view_public`), and a 404 when nothing is.

The leads run the dialogue: they write it, add and remove parties, agree next steps and choose
what is published. The parties take part in the record: they add meetings held (with notes)
and the values they could gain (a party adds values for its own party only; the service checks
which), and change or remove the values they wrote. The leads' private notes are for the leads.

| Action | Lead | Party: person | Party: org. rep. | Board | Member | Visitor | Anon. | Other hub's lead |
|---|---|---|---|---|---|---|---|---|
| `dialogues.add_dialogue` (hub) | ✓ | – | – | – | – | – | – | – |
| `dialogues.view_all` (hub: every dialogue in the list) | ✓ | – | – | – | – | – | – | – |
| `dialogues.view_dialogue` | ✓ | ✓ | ✓ | – | – | – | – | – |
| `dialogues.view_public` | P | P | P | P | P | P | P | P |
| `dialogues.view_private_notes` | ✓ | – | – | – | – | – | – | – |
| `dialogues.change_dialogue` | ✓ | – | – | – | – | – | – | – |
| `dialogues.manage_participants` | ✓ | – | – | – | – | – | – | – |
| `dialogues.publish` | ✓ | – | – | – | – | – | – | – |
| `dialogues.add_next_step` | ✓ | – | – | – | – | – | – | – |
| `dialogues.add_meeting` | ✓ | ✓ | ✓ | – | – | – | – | – |
| `dialogues.add_value` | ✓ | ✓ | ✓ | – | – | – | – | – |
| `dialogues.change_value` (a Value) | ✓ | its author | its author | – | – | – | – | – |

P: only while the summary is published (anyone, signed in or not).
Superusers pass every check (Django's `has_perm`). Offices are per hub (apps.hubs.rules).
"""

from typing import Any

import rules
from django.db.models import Q

from apps.core.request_cache import forget, request_cache
from apps.hubs.rules import is_hub_lead

PARTY_CACHE = "dialogues.party"


def dialogue_of(obj: Any) -> Any:
    if obj is None:
        return None
    if hasattr(obj, "published_parts"):
        return obj
    return getattr(obj, "dialogue", None)


def party_dialogue_ids(user: Any, dialogue_ids: list[int]) -> set[int]:
    """Which of these dialogues `user` is a party to (one query), cached for the request."""
    from apps.dialogues.models import Participant

    if not getattr(user, "is_authenticated", False):
        return set()
    cache: dict[int, bool] = request_cache(user, PARTY_CACHE)
    missing = [pk for pk in dialogue_ids if pk not in cache]
    if missing:
        found = set(
            Participant.objects.filter(dialogue_id__in=missing)
            .filter(Q(user_id=user.pk) | Q(organisation__representative__user_id=user.pk))
            .values_list("dialogue_id", flat=True)
        )
        for pk in missing:
            cache[pk] = pk in found
    return {pk for pk in dialogue_ids if cache[pk]}


def forget_parties(user: Any) -> None:
    forget(user, PARTY_CACHE)


@rules.predicate
def is_party(user: Any, obj: Any) -> bool:
    dialogue = dialogue_of(obj)
    if dialogue is None or dialogue.pk is None:
        return False
    return bool(party_dialogue_ids(user, [dialogue.pk]))


@rules.predicate
def is_published(user: Any, obj: Any) -> bool:
    dialogue = dialogue_of(obj)
    return bool(dialogue is not None and dialogue.is_public)


@rules.predicate
def is_value_author(user: Any, value: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and value is not None
        and getattr(value, "created_by_id", None) == user.pk
    )


rules.add_perm("dialogues.add_dialogue", is_hub_lead)
rules.add_perm("dialogues.view_all", is_hub_lead)
rules.add_perm("dialogues.view_dialogue", is_hub_lead | is_party)
rules.add_perm("dialogues.view_public", is_published)
rules.add_perm("dialogues.view_private_notes", is_hub_lead)
rules.add_perm("dialogues.change_dialogue", is_hub_lead)
rules.add_perm("dialogues.manage_participants", is_hub_lead)
rules.add_perm("dialogues.publish", is_hub_lead)
rules.add_perm("dialogues.add_next_step", is_hub_lead)
rules.add_perm("dialogues.add_meeting", is_hub_lead | is_party)
rules.add_perm("dialogues.add_value", is_hub_lead | is_party)
rules.add_perm("dialogues.change_value", is_hub_lead | (is_party & is_value_author))
