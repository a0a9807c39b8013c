"""Forms of privacy: confirming an account's deletion, and a hub's retention."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core import forms as core_forms
from apps.privacy.models import RetentionSetting


class DeleteAccountForm(core_forms.Form):
    """The person confirms by typing their e-mail address and their password."""

    email = forms.EmailField(
        label=_("Your e-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        email, password = data.get("email"), data.get("password")
        if email is not None and email.strip().lower() != self.user.email.lower():
            self.add_error("email", _("This is not the e-mail address of your account."))
        if password is not None and not self.user.check_password(password):
            self.add_error("password", _("The password is not right."))
        return data


class RetentionForm(core_forms.ModelForm):
    class Meta:
        model = RetentionSetting
        fields = ["anonymous_metadata_days"]
