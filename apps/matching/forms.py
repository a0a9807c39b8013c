"""Forms of matchmaking: what the pages read; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Competence
from apps.core import forms as core_forms
from apps.matching.models import Introduction, Need
from apps.matching.services import NOTE_MAX, TEXT_MAX


class NeedForm(core_forms.Form):
    kind = forms.ChoiceField(label=_("What do you need?"), choices=Need.Kind.choices)
    competence = forms.ModelChoiceField(
        label=_("Competence"),
        queryset=Competence.objects.order_by("slug"),
        required=False,
        help_text=_("For a competence: choose it from the list."),
    )
    text = forms.CharField(
        label=_("In a few words"),
        max_length=TEXT_MAX,
        required=False,
        help_text=_("Required for a resource or a partner, e.g. 'a van for two days'."),
    )


class IntroductionForm(core_forms.Form):
    user = forms.IntegerField(required=False, widget=forms.HiddenInput)
    organisation = forms.IntegerField(required=False, widget=forms.HiddenInput)
    reasons = forms.CharField(required=False, widget=forms.HiddenInput, max_length=2000)
    note = forms.CharField(
        label=_("Note to both sides"),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AnswerForm(core_forms.Form):
    decision = forms.ChoiceField(
        label=_("Your answer"), choices=[("accept", _("Accept")), ("decline", _("Decline"))]
    )
    answer = forms.CharField(
        label=_("Message (optional)"),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class IntroductionFilterForm(core_forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *Introduction.Status.choices],
    )
