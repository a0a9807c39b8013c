from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.core import forms as core_forms
from apps.events.models import Event
from apps.hubs.models import ApplicationStatus, Hub


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class EventForm(core_forms.ModelForm):
    class Meta:
        model = Event
        fields = [
            "kind",
            "title",
            "description",
            "starts_at",
            "ends_at",
            "location",
            "lat",
            "lon",
            "capacity",
            "registration_open",
        ]
        widgets = {
            "starts_at": DateTimeLocalInput(),
            "ends_at": DateTimeLocalInput(),
            "description": forms.Textarea(attrs={"rows": 8}),
        }
        help_texts = {
            "description": _("Markdown: **bold**, *italic*, lists with -."),
            "starts_at": _("In the hub's local time."),
            "lat": _("Optional: a point on the map, e.g. 59.9139."),
            "lon": _("Optional, e.g. 10.7522."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]  # type: ignore[attr-defined]

    def _post_clean(self) -> None:
        # Model validation (and the end-after-start rule) happens in the service, which puts its
        # errors back on this form.
        pass


class MinutesForm(core_forms.Form):
    minutes = forms.CharField(
        label=_("Minutes"),
        max_length=50000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("What happened and what was decided. Markdown is allowed."),
    )


class ActionPointForm(core_forms.Form):
    title = forms.CharField(label=_("Action point"), max_length=200)
    assignee = forms.ModelChoiceField(label=_("Responsible"), queryset=User.objects.none(), required=False)
    due_on = forms.DateField(label=_("Due"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, hub: Hub, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            memberships__hub=hub, memberships__status=ApplicationStatus.APPROVED
        ).order_by("name", "email")
