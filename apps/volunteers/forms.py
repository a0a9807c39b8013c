from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Competence
from apps.core import forms as core_forms
from apps.events.forms import DateTimeLocalInput

from .models import VolunteerRole

FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]


class RoleForm(core_forms.Form):
    name = forms.CharField(label=_("Name of the role"), max_length=120)
    description = forms.CharField(
        label=_("What the volunteers do"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    skills = forms.ModelMultipleChoiceField(
        label=_("Skills wanted"),
        queryset=Competence.objects.order_by("slug"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class ShiftForm(core_forms.Form):
    role = forms.ModelChoiceField(label=_("Role"), queryset=VolunteerRole.objects.none())
    starts_at = forms.DateTimeField(
        label=_("Starts"),
        widget=DateTimeLocalInput(),
        input_formats=FORMATS,
        help_text=_("In the hub's local time."),
    )
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DateTimeLocalInput(), input_formats=FORMATS)
    place = forms.CharField(label=_("Place"), max_length=200)
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=10_000)

    def __init__(self, *args: Any, roles: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].queryset = roles  # type: ignore[attr-defined]


class MessageForm(core_forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=150)
    text = forms.CharField(label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6}))
    include_waiting = forms.BooleanField(label=_("Also to those on the waiting list"), required=False)


class HoursForm(core_forms.Form):
    hours = forms.CharField(label=_("Hours"), max_length=10, help_text=_("E.g. 4 or 3.5."))
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class TeamHoursForm(HoursForm):
    volunteer = forms.ChoiceField(label=_("Volunteer"))

    def __init__(self, *args: Any, volunteers: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["volunteer"].choices = [(str(u.pk), u.name or u.email) for u in volunteers]  # type: ignore[attr-defined]
        self.order_fields(["volunteer", "hours", "note"])


class CancelShiftForm(core_forms.Form):
    reason = forms.CharField(label=_("Reason (sent to the volunteers)"), max_length=500, required=False)
