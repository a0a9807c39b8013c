"""Forms of the funding pages. Amounts are `AmountField`s (they read "1 500,50" and explain what is
wrong); the services check everything again, so the API gets the same answers."""

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from apps.core import forms as core_forms
from apps.core.money import AmountField
from apps.organisations.models import Organisation

from .models import CostCategory, GrantStatus, Mode, SourceKind


def _date(label: Any, required: bool = False, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label, required=required, help_text=help_text, widget=forms.DateInput(attrs={"type": "date"})
    )


class CostLineForm(core_forms.Form):
    description = forms.CharField(label=_("Description"), max_length=200)
    category = forms.ChoiceField(label=_("Category"), choices=CostCategory.choices)
    planned = AmountField(label=_("Planned"))
    actual = AmountField(label=_("Actual (optional)"), required=False)


class SourceForm(core_forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=SourceKind.choices)
    description = forms.CharField(label=_("From whom / what"), max_length=200)
    planned = AmountField(label=_("Planned amount"), required=False, help_text=_("Not for volunteer hours."))
    received = AmountField(label=_("Received (optional)"), required=False)
    planned_hours = forms.DecimalField(
        label=_("Planned hours"),
        required=False,
        min_value=0,
        localize=True,
        help_text=_("Only for volunteer hours: valued at the hub's hourly rate."),
    )
    actual_hours = forms.DecimalField(
        label=_("Hours given (optional)"), required=False, min_value=0, localize=True
    )


class CampaignForm(core_forms.Form):
    goal = AmountField(label=_("Goal"))
    deadline = _date(
        _("Deadline"), required=True, help_text=_("Pledges are taken until the end of this day.")
    )
    mode = forms.ChoiceField(
        label=_("When the deadline comes"),
        choices=Mode.choices,
        help_text=_(
            "All or nothing: below the goal, every pledge is released. "
            "Keep what you raise: the initiative keeps what was pledged."
        ),
    )
    description = forms.CharField(
        label=_("What the money is for"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class PledgeForm(core_forms.Form):
    amount = AmountField(label=_("Amount"))
    organisation = forms.ModelChoiceField(
        label=_("Pledge for"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Myself"),
    )
    public_name = forms.CharField(
        label=_("Name shown with your pledge (optional)"),
        max_length=100,
        required=False,
        help_text=_("Empty: your own name, or your organisation's."),
    )
    anonymous = forms.BooleanField(label=_("Pledge anonymously (no name is shown)"), required=False)
    message = forms.CharField(
        label=_("Message (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, organisations: list[Organisation] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organisations:
            self.fields["organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
                pk__in=[o.pk for o in organisations]
            ).order_by("name")
        else:
            del self.fields["organisation"]


class MatchFundForm(core_forms.Form):
    organisation = forms.ModelChoiceField(label=_("Sponsor"), queryset=Organisation.objects.order_by("name"))
    ratio = forms.DecimalField(
        label=_("Ratio"),
        initial=1,
        min_value=0.01,
        max_value=100,
        decimal_places=2,
        localize=True,
        help_text=_("1 doubles every pledge (1:1); 0.5 adds half."),
    )
    cap = AmountField(label=_("At most"))


class GrantForm(core_forms.Form):
    funder = forms.CharField(label=_("Funder"), max_length=200)
    purpose = forms.CharField(label=_("What for"), max_length=200, required=False)
    amount = AmountField(label=_("Amount applied for"))
    deadline = _date(_("Application deadline"))
    status = forms.ChoiceField(label=_("Status"), choices=GrantStatus.choices)
    submitted_on = _date(_("Submitted on"))
    amount_granted = AmountField(
        label=_("Amount granted"), required=False, help_text=_("Empty: the amount applied for.")
    )
    decided_on = _date(_("Decided on"))
    note = forms.CharField(
        label=_("Note"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class GrantDocumentForm(core_forms.Form):
    file = forms.FileField(
        label=_("Document"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg,.webp,.docx,.xlsx,.odt,.ods"}),
    )
    name = forms.CharField(label=_("Name (optional)"), max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        mb = round(settings.MAX_UPLOAD_SIZE / 1048576, 1)
        self.fields["file"].help_text = _("PDF, image or office document. At most %(mb)s MB.") % {"mb": mb}
