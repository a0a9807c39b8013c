from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core import forms as core_forms


class ImportForm(core_forms.Form):
    archive = forms.FileField(
        label=_("Hub archive (.zip)"),
        help_text=_("An archive exported from this or another Allmenning installation."),
        widget=forms.ClearableFileInput(attrs={"accept": ".zip,application/zip"}),
    )
    slug = forms.SlugField(
        label=_("Address of the new hub"),
        max_length=50,
        required=False,
        help_text=_("Leave empty to keep the archive's address (with a number added if it is taken)."),
    )
