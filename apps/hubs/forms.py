"""Forms for hub pages. They validate input; the services do the writing."""

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.audit.models import ACTION_GROUPS, ACTION_LABELS
from apps.core import forms as core_forms
from apps.core.money import AmountField
from apps.hubs.models import Hub
from apps.organisations.models import Organisation


class MembershipApplicationForm(core_forms.Form):
    message = forms.CharField(
        label=_("Why do you want to join? (optional)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
    )


class PartnershipApplicationForm(core_forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), empty_label=None
    )
    contribution = forms.CharField(
        label=_("What will you contribute?"),
        help_text=_("Money, in-kind resources, competence, premises …"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        required=False,
    )

    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            representative__user=user
        ).order_by("name")


class DecisionForm(core_forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason (required when you reject)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("decision") == "reject" and not str(data.get("reason") or "").strip():
            self.add_error("reason", _("Give the applicant a reason when you reject an application."))
        return data


class RolesForm(core_forms.Form):
    is_steward = forms.BooleanField(label=_("Stewardship team"), required=False)
    is_network_lead = forms.BooleanField(label=_("Network lead"), required=False)
    is_board = forms.BooleanField(label=_("Board"), required=False)


class HubSettingsForm(core_forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Hub
        fields = [
            "name",
            "tagline",
            "description",
            "place",
            "languages",
            "timezone",
            "contact_email",
            "accepts_members",
            "accepts_partners",
            "currency",
            "hourly_rate",
        ]
        field_classes = {"hourly_rate": AmountField}
        widgets = {"description": forms.Textarea(attrs={"rows": 8})}


class HubBoundsForm(core_forms.Form):
    """The stewards' bounding box: four edges in degrees (WGS84), all or none."""

    bounds_min_lon = forms.FloatField(label=_("Westernmost longitude"), required=False, localize=True)
    bounds_max_lon = forms.FloatField(label=_("Easternmost longitude"), required=False, localize=True)
    bounds_min_lat = forms.FloatField(label=_("Southernmost latitude"), required=False, localize=True)
    bounds_max_lat = forms.FloatField(label=_("Northernmost latitude"), required=False, localize=True)


class WorkingGroupForm(core_forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    theme = forms.CharField(label=_("Theme"), max_length=120, required=False)
    description = forms.CharField(
        label=_("Description"),
        help_text=_("What the group works on. Markdown is allowed."),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        required=False,
    )
    lead = forms.ModelChoiceField(
        label=_("Lead"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("An approved member of the hub."),
    )

    def __init__(self, *args: object, hub: Hub, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["lead"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            memberships__hub=hub, memberships__status="approved"
        ).order_by("name", "email")


class AuditLogFilterForm(core_forms.Form):
    """The filters of a hub's audit log (GET): part of the platform, action, who, text, days."""

    group = forms.ChoiceField(label=_("Part"), required=False)
    action = forms.ChoiceField(label=_("Action"), required=False)
    who = forms.CharField(label=_("Who"), max_length=100, required=False)
    text = forms.CharField(label=_("What or why"), max_length=100, required=False)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        groups = sorted(ACTION_GROUPS.items(), key=lambda item: str(item[1]))
        actions = sorted(ACTION_LABELS.items(), key=lambda item: str(item[1]))
        self.fields["group"].choices = [("", _("All parts")), *groups]  # type: ignore[attr-defined]
        self.fields["action"].choices = [("", _("All actions")), *actions]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", _("The last day cannot come before the first."))
        return data
