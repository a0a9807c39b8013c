from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from apps.core import forms as core_forms
from apps.organisations.models import Organisation
from apps.organisations.validators import validate_org_number


class OrganisationForm(core_forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    type = forms.ChoiceField(label=_("Type"), choices=Organisation.Type.choices)
    country = forms.ChoiceField(label=_("Country"), choices=Organisation.Country.choices)
    org_number = forms.CharField(
        label=_("Organisation number"),
        max_length=20,
        help_text=_("Norway: 9 digits (e.g. 974 760 673). Sweden: 10 digits (e.g. 556036-0793)."),
    )
    description = forms.CharField(
        label=_("About the organisation"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        required=False,
        help_text=_("Markdown is allowed."),
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    title = forms.CharField(label=_("Your title in the organisation"), max_length=120, required=False)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        country, number = data.get("country"), data.get("org_number")
        if country and number:
            try:
                data["org_number"] = validate_org_number(str(country), str(number))
            except ValidationError as exc:
                self.add_error("org_number", exc)
        return data


class OrganisationEditForm(core_forms.ModelForm):
    # As on registration: "acme.no" means https://acme.no, not http://.
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = ["name", "type", "description", "website", "contact_email"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")


class RepresentativeForm(core_forms.Form):
    email = forms.EmailField(label=_("Their e-mail address"))
    title = forms.CharField(label=_("Their title"), max_length=120, required=False)
