"""Forms for initiative pages. They validate input; the services do the writing."""

import json
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from apps.core import forms as core_forms
from apps.initiatives.models import Initiative, PermitStatus, TeamRole
from apps.places.drawn import MAX_CHARS as MAX_PLACE_CHARS


class InitiativeForm(core_forms.Form):
    title = forms.CharField(label=_("Title"), max_length=160)
    summary = forms.CharField(
        label=_("Summary"),
        help_text=_("One or two sentences, shown on the cards and the map."),
        max_length=300,
        required=False,
    )
    description = forms.CharField(
        label=_("The idea"),
        help_text=_("What do you want to do, why, and who is it for? You can use Markdown."),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
        required=False,
    )
    status = forms.ChoiceField(label=_("Status"), choices=Initiative.Status.choices)
    place = forms.CharField(widget=forms.HiddenInput, max_length=MAX_PLACE_CHARS, required=False)
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

    def __init__(self, *args: Any, with_status: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not with_status:
            del self.fields["status"]

    def clean(self) -> dict[str, Any]:
        """Longitude and latitude typed in (the form without JavaScript, or a point picked on the
        map, which fills them in too) win; else the GeoJSON the map wrote (a polygon); else none."""
        data = super().clean() or {}
        place = (data.get("place") or "").strip()
        lon, lat = data.get("lon"), data.get("lat")
        if lon is not None and lat is not None:
            data["geometry"] = {"type": "Point", "coordinates": [lon, lat]}
        elif (lon is None) != (lat is None) and not self.errors.get("lon") and not self.errors.get("lat"):
            missing = "lat" if lat is None else "lon"
            self.add_error(missing, _("Give both longitude and latitude, or neither."))
        else:
            data["geometry"] = place or None
        return data

    @staticmethod
    def initial_for(initiative: Initiative) -> dict[str, Any]:
        return {
            "title": initiative.title,
            "summary": initiative.summary,
            "description": initiative.description,
            "status": initiative.status,
            "place": json.dumps(initiative.place) if initiative.place else "",
            "lon": initiative.lon if initiative.place_kind == "Point" else None,
            "lat": initiative.lat if initiative.place_kind == "Point" else None,
        }


class TeamMemberForm(core_forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("We send them an invitation. Without an account, they can sign up from it."),
        max_length=254,
    )
    role = forms.ChoiceField(label=_("Role"), choices=TeamRole.choices, initial=TeamRole.MEMBER)


class TeamRoleForm(core_forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=TeamRole.choices)


class UpdateForm(core_forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        help_text=_("You can use Markdown. Everyone who follows the initiative is told."),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
    )


def _upload_help() -> str:
    return str(_("At most %(mb)s MB.") % {"mb": round(settings.MAX_UPLOAD_SIZE / 1048576, 1)})


class ImageForm(core_forms.Form):
    image = forms.FileField(
        label=_("Image"),
        help_text=_("JPEG, PNG or WebP."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    alt_text = forms.CharField(
        label=_("Description of the image"),
        help_text=_("What the image shows, for people who cannot see it."),
        max_length=250,
    )
    caption = forms.CharField(label=_("Caption (optional)"), max_length=250, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["image"].help_text = f"{_('JPEG, PNG or WebP.')} {_upload_help()}"


class PermitForm(core_forms.Form):
    what = forms.CharField(
        label=_("Permit or approval"), max_length=200, help_text=_("E.g. “Permission to use the street”.")
    )
    authority = forms.CharField(
        label=_("From whom"),
        max_length=200,
        required=False,
        help_text=_("The authority or owner that decides."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=PermitStatus.choices)
    applied_on = forms.DateField(
        label=_("Applied on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    decided_on = forms.DateField(
        label=_("Decided on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    decision = forms.CharField(
        label=_("Decision"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        required=False,
        help_text=_("What was decided, and any conditions."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        applied, decided = data.get("applied_on"), data.get("decided_on")
        if applied and decided and decided < applied:
            self.add_error("decided_on", _("The decision cannot come before the application."))
        return data


class DocumentForm(core_forms.Form):
    file = forms.FileField(
        label=_("Document"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png,image/webp"}),
    )
    name = forms.CharField(label=_("Name (optional)"), max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = f"{_('PDF or an image (JPEG, PNG or WebP).')} {_upload_help()}"
