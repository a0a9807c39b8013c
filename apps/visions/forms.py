from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.core import forms as core_forms
from apps.hubs.models import ApplicationStatus, Hub
from apps.visions.models import TEXT_MAX, Vision


class VisionCreateForm(core_forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(
        label=_("The vision"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("Markdown: **bold**, *italic*, lists with -, headings with ##."),
    )
    note = forms.CharField(label=_("Note about this version"), max_length=300, required=False)


class VersionForm(core_forms.Form):
    text = forms.CharField(
        label=_("The vision"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 20}),
        help_text=_("Markdown: **bold**, *italic*, lists with -, headings with ##."),
    )
    note = forms.CharField(
        label=_("What did you change?"),
        max_length=300,
        required=False,
        help_text=_("A short note shown in the version history."),
    )
    based_on = forms.IntegerField(widget=forms.HiddenInput, required=False)


class VisionEditForm(core_forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    status = forms.ChoiceField(label=_("Status"), choices=Vision.Status.choices)


class CoauthorForm(core_forms.Form):
    user = forms.ModelChoiceField(label=_("Member"), queryset=User.objects.none())

    def __init__(self, *args: Any, hub: Hub, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            memberships__hub=hub, memberships__status=ApplicationStatus.APPROVED
        ).order_by("name", "email")


class CommentForm(core_forms.Form):
    text = forms.CharField(
        label=_("Your comment"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Markdown is allowed."),
    )


class EndorseForm(core_forms.Form):
    organisation = forms.IntegerField(widget=forms.HiddenInput)
