from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core import forms as core_forms


class DismissForm(core_forms.Form):
    reason = forms.CharField(
        label=_("Why do they not overlap?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class CollaborationForm(core_forms.Form):
    message = forms.CharField(
        label=_("Message to both teams (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MergeForm(core_forms.Form):
    survivor = forms.ChoiceField(label=_("Which initiative continues?"), widget=forms.RadioSelect)

    def __init__(self, *args: object, pair: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["survivor"].choices = [  # type: ignore[attr-defined]
            (str(pair.first_id), pair.first.title),  # type: ignore[attr-defined]
            (str(pair.second_id), pair.second.title),  # type: ignore[attr-defined]
        ]
