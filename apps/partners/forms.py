"""Forms for partner pages. The services check again; these give the first, friendly answer."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core import forms as core_forms
from apps.core.money import AmountField
from apps.partners.models import Commitment, Partner


class PartnerAddForm(core_forms.Form):
    organisation: forms.ModelChoiceField = forms.ModelChoiceField(  # type: ignore[type-arg]
        label=_("Organisation"),
        queryset=None,  # type: ignore[arg-type]
        required=False,
        empty_label=_("— choose an organisation —"),
    )
    email = forms.EmailField(
        label=_("…or a person: their e-mail address"),
        required=False,
        help_text=_("A member of the hub, by the address they are a member with."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=Partner.Role.choices)
    role_text = forms.CharField(
        label=_("What they do"),
        max_length=200,
        required=False,
        help_text=Partner._meta.get_field("role_text").help_text,
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and bool(data.get("organisation")) == bool(data.get("email")):
            raise forms.ValidationError(
                _("Choose an organisation or give a person's e-mail address, not both.")
            )
        return data


class PartnerRoleForm(core_forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Partner.Role.choices)
    role_text = forms.CharField(label=_("What they do"), max_length=200, required=False)


class CommitmentForm(core_forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Commitment.Kind.choices, widget=forms.RadioSelect)
    description = forms.CharField(
        label=_("What is committed"),
        max_length=300,
        help_text=_("E.g. 'Timber for twelve benches', 'Two days of landscape design'."),
    )
    amount = AmountField(
        label=_("Amount or value"),
        required=False,
        help_text=_("For money the sum; for in-kind or competence what it is worth, if known."),
    )
    hours = forms.DecimalField(
        label=_("Hours"),
        required=False,
        localize=True,
        help_text=_("For a commitment of hours: how many. They count at the hub's hourly rate."),
    )
    due_on = forms.DateField(
        label=_("By (date)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class CommitmentStatusForm(core_forms.Form):
    status = forms.ChoiceField(
        choices=[
            (s, s)
            for s in (Commitment.Status.AGREED, Commitment.Status.DELIVERED, Commitment.Status.WITHDRAWN)
        ]
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)
