"""Forms for the follow-up pages. They validate input; the services do the writing."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.core import forms as core_forms
from apps.followup.models import Meeting, Task


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class MeetingForm(core_forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of meeting"), choices=Meeting.Kind.choices, widget=forms.RadioSelect
    )
    scheduled_at = forms.DateTimeField(label=_("Starts"), widget=DateTimeLocalInput())
    ends_at = forms.DateTimeField(
        label=_("Ends"),
        widget=DateTimeLocalInput(),
        required=False,
        help_text=_("Leave empty for one hour, as Pådriv's follow-up meetings are."),
    )
    location = forms.CharField(
        label=_("Place or video link"),
        max_length=300,
        required=False,
        help_text=_("An address, a room, or a video link."),
    )
    participants = PeopleChoiceField(
        label=_("Participants"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The initiative's owner always takes part. Everyone invited is notified."),
    )
    agenda = forms.CharField(
        label=_("Agenda"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000, required=False
    )

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = people  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("scheduled_at"), data.get("ends_at")
        if start and end and end <= start:
            self.add_error("ends_at", _("The meeting must end after it starts."))
        return data


class MinutesForm(core_forms.Form):
    minutes = forms.CharField(
        label=_("Minutes"),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=50000,
        help_text=_("What was discussed and decided. Markdown is allowed. Add the action points below."),
    )


class TaskForm(core_forms.Form):
    title = forms.CharField(label=_("What"), max_length=200)
    assignee = PersonChoiceField(label=_("Who"), queryset=User.objects.none(), empty_label=None)
    starts_on = forms.DateField(label=_("Start (optional)"), required=False, widget=DateInput())
    due_on = forms.DateField(label=_("Due"), required=False, widget=DateInput())
    description = forms.CharField(
        label=_("Details (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = people  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, due = data.get("starts_on"), data.get("due_on")
        if start and due and due < start:
            self.add_error("due_on", _("The due date cannot be before the start date."))
        return data


class TaskStatusForm(core_forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Task.Status.choices)
