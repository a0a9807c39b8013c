"""Forms for goal pages. They validate input; the services do the writing."""

from typing import Any

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from apps.core import forms as core_forms
from apps.goals.models import HubGoal, LocalTarget, SdgGoal, SdgTarget, validate_goal_code, validate_year
from apps.goals.selectors import _shorten, sdg_targets
from apps.hubs.models import Hub


class SdgGoalChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class SdgTargetChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code} {_shorten(obj.title, 110)}"


class HubGoalForm(core_forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=200, help_text=_("E.g. “95 % lower emissions by 2030”.")
    )
    code = forms.CharField(
        label=_("Code (optional)"),
        max_length=50,
        required=False,
        validators=[validate_goal_code],
        help_text=_("Short, used in the address, e.g. climate-2030. Made from the title when left empty."),
    )
    description = forms.CharField(
        label=_("Description"),
        help_text=_("Why the goal matters and how the hub works towards it. Markdown is allowed."),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
        required=False,
    )
    target_year = forms.IntegerField(
        label=_("Target year"), required=False, min_value=2000, max_value=2100, validators=[validate_year]
    )
    baseline = forms.CharField(
        label=_("Baseline"),
        max_length=300,
        required=False,
        help_text=_("What progress is measured against, e.g. “emissions in 2009”."),
    )
    sdg_goals = SdgGoalChoiceField(
        label=_("UN Sustainable Development Goals it serves"),
        queryset=SdgGoal.objects.order_by("number"),
        widget=forms.CheckboxSelectMultiple(attrs={"columns": True}),
        required=False,
    )

    @classmethod
    def initial_for(cls, goal: HubGoal) -> dict[str, Any]:
        return {
            "title": goal.title,
            "code": goal.code,
            "description": goal.description,
            "target_year": goal.target_year,
            "baseline": goal.baseline,
            "sdg_goals": list(goal.sdg_goals.all()),
        }


class LocalTargetForm(core_forms.Form):
    sdg_target = SdgTargetChoiceField(
        label=_("UN target"),
        queryset=SdgTarget.objects.none(),
        empty_label=None,
        help_text=_("The UN target this local target contributes to."),
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    code = forms.CharField(
        label=_("Code (optional)"),
        max_length=24,
        required=False,
        help_text=_(
            "Extends the UN target's code, e.g. 11.7.L1. The next free code is given when left empty."
        ),
    )
    description = forms.CharField(
        label=_("Description"),
        help_text=_("Markdown is allowed."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
    )
    measure = forms.CharField(
        label=_("Measure and threshold"),
        help_text=_("How it is measured and what counts as reached, e.g. “at least 80 %”."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )
    due_year = forms.IntegerField(
        label=_("Due year"), required=False, min_value=2000, max_value=2100, validators=[validate_year]
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sdg_target"].queryset = sdg_targets()  # type: ignore[attr-defined]

    @classmethod
    def initial_for(cls, target: LocalTarget) -> dict[str, Any]:
        return {
            "sdg_target": target.sdg_target,
            "title": target.title,
            "code": target.code,
            "description": target.description,
            "measure": target.measure,
            "due_year": target.due_year,
        }


class TagForm(core_forms.Form):
    """Tag (or untag) one object of the hub. `tag` is "sdg:11", "target:11.7", "goal:<id>" or
    "local:<id>" (see `selectors.tag_choices`)."""

    content_type = forms.IntegerField(min_value=1)
    object_id = forms.IntegerField(min_value=1)
    tag = forms.CharField(label=_("Goal or target"), max_length=40)
    action = forms.ChoiceField(choices=[("add", "add"), ("remove", "remove")], required=False)
    next = forms.CharField(max_length=500, required=False)

    def __init__(self, *args: Any, hub: Hub, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.hub = hub

    def clean_tag(self) -> dict[str, Any]:
        kind, _sep, value = self.cleaned_data["tag"].partition(":")
        found: Any = None
        if kind == "sdg" and value.isdigit():
            found = SdgGoal.objects.filter(number=int(value)).first()
        elif kind == "target":
            found = SdgTarget.objects.filter(code=value).first()
        elif kind == "goal" and value.isdigit():
            found = HubGoal.objects.filter(hub=self.hub, pk=int(value)).first()
        elif kind == "local" and value.isdigit():
            found = LocalTarget.objects.filter(hub=self.hub, pk=int(value)).first()
        if found is None:
            raise forms.ValidationError(_("Choose a goal or target from the list."), code="invalid_choice")
        field = {"sdg": "sdg_goal", "target": "sdg_target", "goal": "hub_goal", "local": "local_target"}[kind]
        return {field: found}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "content_type" in data and "object_id" in data:
            content_type = ContentType.objects.filter(pk=data["content_type"]).first()
            model = content_type.model_class() if content_type else None
            obj = model._default_manager.filter(pk=data["object_id"]).first() if model else None
            if obj is None:
                raise forms.ValidationError(_("There is nothing to tag."), code="no_object")
            data["obj"] = obj
        return data
