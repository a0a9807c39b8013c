from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from apps.agreements.models import TEXT_MAX
from apps.core import forms as core_forms
from apps.hubs.models import ApplicationStatus, Hub
from apps.initiatives.models import Initiative
from apps.organisations.models import Organisation

MARKDOWN_HELP = _("Markdown: **bold**, *italic*, lists with -, headings with ##.")
UPLOAD_MAX = 512 * 1024
UPLOAD_EXTENSIONS = (".txt", ".md")


class AgreementForm(core_forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_on = forms.DateField(label=_("Period from"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("Period to"), widget=forms.DateInput(attrs={"type": "date"}))
    organisations = forms.ModelMultipleChoiceField(
        label=_("Parties"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The hub's approved partner organisations that sign the agreement."),
    )

    initiative = forms.ModelChoiceField(
        label=_("Initiative"),
        queryset=Initiative.objects.none(),
        required=False,
        empty_label=_("— The whole hub —"),
        help_text=_("Leave empty for an agreement of the hub itself (its establishment agreement)."),
    )

    def __init__(self, *args: Any, hub: Hub, with_initiative: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if with_initiative:
            self.fields["initiative"].queryset = Initiative.objects.filter(hub=hub).order_by("title")  # type: ignore[attr-defined]
        else:
            del self.fields["initiative"]
        self.fields["organisations"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            partnerships__hub=hub, partnerships__status=ApplicationStatus.APPROVED
        ).order_by("name")


class VersionForm(core_forms.Form):
    text = forms.CharField(
        label=_("The agreement"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 24}),
        help_text=MARKDOWN_HELP,
    )
    note = forms.CharField(
        label=_("What did you change?"),
        max_length=300,
        required=False,
        help_text=_("A short note shown in the version history."),
    )
    based_on = forms.IntegerField(widget=forms.HiddenInput, required=False)


class SignForm(core_forms.Form):
    organisation = forms.IntegerField(widget=forms.HiddenInput)
    number = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    sha256 = forms.CharField(widget=forms.HiddenInput, max_length=100)
    confirm = forms.BooleanField(
        label=_("I have read this version and sign it for the organisation I represent."),
        error_messages={"required": _("Confirm that you have read the version you sign.")},
    )


class VerifyForm(core_forms.Form):
    text = forms.CharField(
        label=_("Paste the text"),
        max_length=TEXT_MAX * 2,
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    file = forms.FileField(
        label=_("… or upload a file"),
        required=False,
        help_text=_("A .txt or .md file in UTF-8."),
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.md,text/plain,text/markdown"}),
    )
    sha256 = forms.CharField(label=_("… or give a SHA-256"), max_length=100, required=False)

    def clean_file(self) -> str | None:
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        name = (upload.name or "").lower()
        if not name.endswith(UPLOAD_EXTENSIONS):
            raise ValidationError(_("Upload a .txt or .md file."), code="file_type")
        if upload.size is not None and upload.size > UPLOAD_MAX:
            raise ValidationError(
                _("The file is too large. The largest allowed is 512 KB."), code="file_size"
            )
        data = upload.read(UPLOAD_MAX + 1)
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ValidationError(_("The file is not UTF-8 text."), code="encoding") from exc

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        given = [k for k in ("text", "file", "sha256") if data.get(k)]
        if len(given) != 1:
            raise ValidationError(
                _("Paste a text, upload a file or give a hash: one of the three."), code="one"
            )
        return data
