"""Forms for process pages. They validate input; the services do the writing."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core import forms as core_forms
from apps.hubs.models import Hub
from apps.processes.models import ActivityRole, DeliverableKind, ProcessTemplate
from apps.processes.selectors import templates_for


class TemplateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ProcessTemplate) -> str:  # type: ignore[override]
        if obj.hub_id:
            return str(_("%(name)s (this hub's copy)") % {"name": obj.label})
        return obj.label


class StartRunForm(core_forms.Form):
    template = TemplateChoiceField(
        label=_("Process"), queryset=ProcessTemplate.objects.none(), empty_label=None
    )
    starts_on = forms.DateField(
        label=_("Start date"), widget=forms.DateInput(attrs={"type": "date"}), initial=timezone.localdate
    )

    def __init__(self, *args: Any, hub: Hub, initial_key: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        queryset = templates_for(hub=hub)
        self.fields["template"].queryset = queryset  # type: ignore[attr-defined]
        if initial_key and not self.is_bound:
            self.fields["template"].initial = queryset.filter(key=initial_key).first()


class DeliverableForm(core_forms.Form):
    checked = forms.BooleanField(label=_("Done"), required=False, initial=True)
    url = forms.URLField(label=_("Link"), max_length=500, required=False, assume_scheme="https")
    event = forms.IntegerField(label=_("Event"), required=False, min_value=1)
    file = forms.FileField(label=_("File"), required=False)
    note = forms.CharField(
        label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ClosePhaseForm(core_forms.Form):
    reason = forms.CharField(
        label=_("Reason (required when deliverables are still open)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PhaseDatesForm(core_forms.Form):
    starts_on = forms.DateField(label=_("Starts"), widget=forms.DateInput(attrs={"type": "date"}))
    due_on = forms.DateField(label=_("Due"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts_on") and data.get("due_on") and data["due_on"] < data["starts_on"]:
            self.add_error("due_on", _("The end date cannot be before the start date."))
        return data


class TemplateForm(core_forms.Form):
    name = forms.CharField(label=_("Name"), max_length=160)
    description = forms.CharField(
        label=_("Description"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class PhaseTemplateForm(core_forms.Form):
    name = forms.CharField(label=_("Phase name"), max_length=160)
    description = forms.CharField(
        label=_("Description"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    duration_days = forms.IntegerField(
        label=_("Typical duration (days)"), min_value=1, max_value=3650, initial=14
    )


class ActivityTemplateForm(core_forms.Form):
    role = forms.ChoiceField(label=_("Who"), choices=ActivityRole.choices)
    text = forms.CharField(label=_("Does what"), max_length=500)


class DeliverableTemplateForm(core_forms.Form):
    name = forms.CharField(label=_("Deliverable"), max_length=160)
    kind = forms.ChoiceField(label=_("Kind"), choices=DeliverableKind.choices)
    required = forms.BooleanField(label=_("Required to close the phase"), required=False, initial=True)
    help = forms.CharField(label=_("Help text"), max_length=1000, required=False)
