from django import forms
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import ApiToken, Competence, Profile
from apps.core import forms as core_forms


class ProfileForm(core_forms.ModelForm):
    name = forms.CharField(label=_("Your name"), max_length=150)
    competences = forms.ModelMultipleChoiceField(
        label=_("Competences"),
        queryset=Competence.objects.all(),
        widget=forms.CheckboxSelectMultiple(attrs={"columns": True}),
        required=False,
    )

    class Meta:
        model = Profile
        fields = [
            "headline",
            "place",
            "competences",
            "interests",
            "motivation",
            "ideas",
            "phone",
            "contact_email",
            "consent_public_profile",
            "consent_public_contact",
        ]
        widgets = {
            "interests": forms.Textarea(attrs={"rows": 3}),
            "motivation": forms.Textarea(attrs={"rows": 4}),
            "ideas": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "consent_public_profile": _(
                "Your name, headline, competences, interests, motivation and ideas are shown in "
                "the member directories of hubs where you are an approved member."
            ),
            "consent_public_contact": _(
                "Your phone and contact e-mail are shown on your public profile. "
                "Only has effect together with a public profile."
            ),
        }


class CompetenceForm(core_forms.ModelForm):
    class Meta:
        model = Competence
        fields = ["slug", "name_en", "name_nb", "name_sv"]


class ApiTokenForm(core_forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=80, help_text=_("What it is for, e.g. 'Our budget sheet'.")
    )
    scope = forms.ChoiceField(
        label=_("What it may do"),
        choices=ApiToken.Scope.choices,
        initial=ApiToken.Scope.WRITE,
        widget=forms.RadioSelect,
    )
