"""Forms for results and progress reports. Numbers are read as text, so the service gives the
one clear message for what is not a number; the service checks everything again."""

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from apps.core import forms as core_forms
from apps.hubs.models import Hub
from apps.initiatives.models import Initiative
from apps.knowledge.models import Indicator
from apps.places.models import Area
from apps.results.models import TEXT_MAX, Result

MARKDOWN_HELP = _("Markdown: **bold**, *italic*, lists with -, headings with ##.")


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"})


class ResultForm(core_forms.Form):
    title = forms.CharField(label=_("What should change?"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=MARKDOWN_HELP,
    )
    indicator = forms.ModelChoiceField(
        label=_("Knowledge indicator"),
        queryset=Indicator.objects.none(),
        required=False,
        help_text=_(
            "Read the result against the real data of the area. Leave empty to name your own indicator."
        ),
        error_messages={
            "invalid_choice": _("Choose one of this hub's indicators that has data for the area.")
        },
    )
    area = forms.ModelChoiceField(
        label=_("Area"),
        queryset=Area.objects.none(),
        required=False,
        help_text=_("The area the knowledge indicator is read for."),
        error_messages={"invalid_choice": _("Choose one of this hub's areas.")},
    )
    indicator_name = forms.CharField(
        label=_("Own indicator"), max_length=200, required=False, help_text=_("E.g. “Benches in place”.")
    )
    unit = forms.CharField(label=_("Unit"), max_length=40, required=False, help_text=_("E.g. “pieces”, “%”."))
    baseline = forms.CharField(label=_("Baseline"), max_length=40, help_text=_("Where it stands now."))
    baseline_date = forms.DateField(label=_("Baseline date (optional)"), required=False, widget=_date_input())
    target = forms.CharField(label=_("Target"), max_length=40)
    target_date = forms.DateField(label=_("Target date"), widget=_date_input())

    def __init__(self, *args: Any, hub: Hub, initiative: Initiative | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        indicators = Indicator.objects.filter(hub=hub).order_by("category", "code")
        if initiative is not None:
            del self.fields["area"]
            if initiative.area_id is None:
                del self.fields["indicator"]
            else:
                indicators = indicators.filter(observations__area_id=initiative.area_id).distinct()
        else:
            self.fields["area"].queryset = Area.objects.filter(hub=hub).order_by("name")  # type: ignore[attr-defined]
        if "indicator" in self.fields:
            self.fields["indicator"].queryset = indicators  # type: ignore[attr-defined]

    @classmethod
    def initial_for(cls, result: Result) -> dict[str, Any]:
        return {
            "title": result.title,
            "description": result.description,
            "indicator": result.indicator_id,
            "area": result.area_id,
            "indicator_name": result.indicator_name,
            "unit": result.unit,
            "baseline": result.baseline.normalize(),
            "baseline_date": result.baseline_date,
            "target": result.target.normalize(),
            "target_date": result.target_date,
        }


class ReportForm(core_forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(
        label=_("What happened?"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=MARKDOWN_HELP,
    )
    result = forms.ModelChoiceField(
        label=_("Result measured (optional)"),
        queryset=Result.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Choose one of this initiative's results.")},
    )
    value = forms.CharField(label=_("Measured value (optional)"), max_length=40, required=False)
    measured_on = forms.DateField(label=_("Measured on"), required=False, widget=_date_input())
    evidence_url = forms.CharField(
        label=_("Link to evidence (optional)"), max_length=500, required=False, help_text=_("https://…")
    )
    is_final = forms.BooleanField(
        label=_("This is the final report: what came of it"),
        required=False,
        help_text=_("When it is published, everyone who took part in the initiative is told."),
    )

    def __init__(
        self, *args: Any, hub: Hub, initiative: Initiative | None, final: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["result"].queryset = Result.objects.filter(  # type: ignore[attr-defined]
            hub=hub, initiative=initiative
        ).order_by("target_date", "pk")
        if initiative is None or not final:
            del self.fields["is_final"]


def _upload_help() -> str:
    return str(_("At most %(mb)s MB.") % {"mb": round(settings.MAX_UPLOAD_SIZE / 1048576, 1)})


class EvidenceForm(core_forms.Form):
    file = forms.FileField(
        label=_("Document"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png,image/webp"}),
    )
    name = forms.CharField(label=_("Name (optional)"), max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = f"{_('PDF or an image (JPEG, PNG or WebP).')} {_upload_help()}"


class PhotoForm(core_forms.Form):
    image = forms.FileField(
        label=_("Photo"), widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})
    )
    alt_text = forms.CharField(
        label=_("Description of the photo"),
        help_text=_("What the photo shows, for people who cannot see it."),
        max_length=250,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["image"].help_text = f"{_('JPEG, PNG or WebP.')} {_upload_help()}"
