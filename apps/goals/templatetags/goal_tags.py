"""Template helpers for goals: the data behind the tag form partial (goals/includes/tag_form.html)."""

from typing import Any

from django import template
from django.contrib.contenttypes.models import ContentType

from apps.goals import selectors
from apps.goals.catalogue import translation_source

register = template.Library()


@register.simple_tag
def goal_tagging(obj: Any, hub: Any, user: Any, tags: Any = None) -> dict[str, Any]:
    """What the tag form needs: the object's tags (pass `tags` from `tags_for_many` to save the
    query), and for stewards the content type and the choices. Use:
    {% goal_tagging obj hub user as tagging %}"""
    can_tag = bool(user.has_perm("goals.tag_object", hub))
    return {
        "tags": list(tags) if isinstance(tags, list | tuple) else selectors.tags_for(obj),
        "can_tag": can_tag,
        "content_type_id": ContentType.objects.get_for_model(obj).pk,
        "choices": selectors.tag_choices(hub=hub) if can_tag else {},
    }


@register.filter
def tag_value(tag: Any) -> str:
    """A tag's value in the tag form ("sdg:11", "target:11.7", "goal:3", "local:4")."""
    if tag.sdg_goal_id:
        return f"sdg:{tag.sdg_goal_id}"
    if tag.sdg_target_id:
        return f"target:{tag.sdg_target.code}"
    if tag.hub_goal_id:
        return f"goal:{tag.hub_goal_id}"
    return f"local:{tag.local_target_id}"


@register.simple_tag
def sdg_translation_source() -> str:
    """Where the UN texts in the reader's language come from ("" for English, the UN's own)."""
    return translation_source()
