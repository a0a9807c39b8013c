from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core import forms as core_forms
from apps.notifications.models import NotificationPreference


class PreferenceForm(core_forms.Form):
    email = forms.ChoiceField(
        label=_("E-mail me about notifications"),
        choices=NotificationPreference.Email.choices,
        widget=forms.RadioSelect,
        help_text=_("Everything is always listed on your notifications page."),
    )
