from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _


def _forget_tags(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A deleted hub thing takes its goal tags with it (GoalTag's object link is generic)."""
    from apps.goals.models import TAGGABLE_MODELS

    if sender._meta.label_lower in TAGGABLE_MODELS and instance.pk is not None:
        from apps.goals.services import goal_tags_forget

        goal_tags_forget(obj=instance)


class GoalsConfig(AppConfig):
    name = "apps.goals"
    label = "goals"
    verbose_name = _("Goals")

    def ready(self) -> None:
        from apps.core.panels import Panel
        from apps.goals import hub_panels
        from apps.hubs.panels import HUB_BELOW
        from apps.knowledge.panels import INDICATOR_ASIDE

        HUB_BELOW.register(
            Panel(
                key="goals",
                template="goals/panels/hub_below.html",
                context=hub_panels.hub_goals,
                extra={"styles": ["goals/goals.css"]},
            )
        )
        from apps.places.panels import AREA_ASIDE

        INDICATOR_ASIDE.register(Panel(key="goals", template="goals/panels/indicator_goals.html"))

        post_delete.connect(_forget_tags, dispatch_uid="goals_forget_tags")
        # An area's goal tags, beside its page (places sits below goals and never imports it).
        AREA_ASIDE.register(Panel(key="goals", template="goals/panels/area_goals.html", order=10))
