"""Forms for map input pages. The services check everything again; forms parse."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core import forms as core_forms
from apps.mapinput.models import COMMENT_MAX, GeometryKind, MarkCategory, MarkSettings
from apps.places.geometry import MalformedJSON, loads_geojson

MAX_GEOMETRY_CHARS = 60_000


class MarkForm(core_forms.Form):
    category = forms.TypedChoiceField(label=_("Category"), coerce=int)
    kind = forms.ChoiceField(choices=GeometryKind.choices, label=_("What you mark"), initial="point")
    geometry = forms.CharField(widget=forms.HiddenInput, required=False, max_length=MAX_GEOMETRY_CHARS)
    lon = forms.FloatField(
        label=_("Longitude"),
        required=False,
        min_value=-180,
        max_value=180,
        widget=forms.NumberInput(attrs={"step": "any"}),
    )
    lat = forms.FloatField(
        label=_("Latitude"),
        required=False,
        min_value=-90,
        max_value=90,
        widget=forms.NumberInput(attrs={"step": "any"}),
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": COMMENT_MAX}),
    )
    photo = forms.FileField(
        label=_("Photo (optional)"),
        required=False,
        help_text=_("JPEG, PNG or WebP. Location data in the file is removed."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    def __init__(self, *args: Any, settings: MarkSettings, categories: list[MarkCategory], **kwargs: Any):
        super().__init__(*args, **kwargs)
        category_field = self.fields["category"]
        kind_field = self.fields["kind"]
        assert isinstance(category_field, forms.ChoiceField) and isinstance(kind_field, forms.ChoiceField)
        category_field.choices = [(c.pk, c.name) for c in categories]
        kind_field.choices = [(k, lbl) for k, lbl in GeometryKind.choices if k in settings.allowed_kinds]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        raw = (data.get("geometry") or "").strip()
        if raw:
            try:
                data["geometry_json"] = loads_geojson(raw)
            except MalformedJSON:
                self.add_error(None, _("The drawn shape could not be read. Draw it again."))
        elif data.get("lon") is not None and data.get("lat") is not None:
            data["geometry_json"] = {"type": "Point", "coordinates": [data["lon"], data["lat"]]}
        elif not self.errors:
            self.add_error(None, _("Click the map to place your mark, or give its longitude and latitude."))
        return data


class SettingsForm(core_forms.ModelForm):
    class Meta:
        model = MarkSettings
        fields = [
            "allow_point",
            "allow_line",
            "allow_area",
            "anonymous_allowed",
            "boundary_required",
            "opens_at",
            "closes_at",
        ]
        widgets = {
            "opens_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "closes_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        }


class CategoryForm(core_forms.ModelForm):
    class Meta:
        model = MarkCategory
        fields = ["name", "colour"]
        widgets = {"colour": forms.TextInput(attrs={"type": "color"})}


class HideForm(core_forms.Form):
    reason = forms.CharField(label=_("Why is it hidden?"), max_length=300)
