"""Forms for the dialogue pages. They validate input; the services do the writing."""

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.core import forms as core_forms
from apps.dialogues.models import PUBLIC_PARTS, TEXT_MAX, Dialogue, Participant, Value
from apps.goals.models import HubGoal, SdgTarget
from apps.hubs.models import ApplicationStatus, Hub
from apps.initiatives.models import Initiative
from apps.organisations.models import Organisation
from apps.places.models import Area

MARKDOWN = _("Markdown: **bold**, *italic*, lists with -, headings with ##.")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class TargetChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        title = obj.title
        return f"{obj.code} {title[:90]}{' …' if len(title) > 90 else ''}"


def _text(label: Any, rows: int = 6, help_text: Any = MARKDOWN) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
    )


class DialogueForm(core_forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.none(), required=False)
    initiative = forms.ModelChoiceField(
        label=_("Initiative"), queryset=Initiative.objects.none(), required=False
    )
    stage = forms.ChoiceField(label=_("Stage of planning"), choices=Dialogue.Stage.choices)
    status = forms.ChoiceField(label=_("Status"), choices=Dialogue.Status.choices)
    summary = _text(_("Summary"), 4, _("A few sentences that can be published if the leads choose to."))
    conditions = _text(_("Conditions"))
    goals = _text(_("Goals"))
    solutions = _text(_("Possible solutions"))
    private_notes = _text(
        _("Private notes"), 4, _("Only the hub's leads read these. They are never published.")
    )

    def __init__(self, *args: Any, hub: Hub, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.filter(hub=hub).order_by("name")  # type: ignore[attr-defined]
        self.fields["initiative"].queryset = Initiative.objects.filter(hub=hub).order_by("title")  # type: ignore[attr-defined]
        self.fields["area"].help_text = _("Choose an area, an initiative or both.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("area") and not data.get("initiative") and not self.errors:
            raise forms.ValidationError(_("Choose the area or the initiative the dialogue is about."))
        return data


class ParticipantForm(core_forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Participant.Role.choices)
    user = PersonChoiceField(
        label=_("Person"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("A member of the hub or a representative of an organisation."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("A person chosen with an organisation must represent it."),
    )

    def __init__(self, *args: Any, hub: Hub, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (  # type: ignore[attr-defined]
            User.objects.filter(
                Q(memberships__hub=hub, memberships__status=ApplicationStatus.APPROVED)
                | Q(representative__isnull=False)
            )
            .distinct()
            .order_by("name", "email")
        )
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("user") and not data.get("organisation") and not self.errors:
            raise forms.ValidationError(_("Choose a person, an organisation or both."))
        return data


class ValueForm(core_forms.Form):
    participant = forms.ModelChoiceField(label=_("Party"), queryset=Participant.objects.none())
    kind = forms.ChoiceField(label=_("Kind of value"), choices=Value.Kind.choices)
    description = forms.CharField(
        label=_("What the party could gain"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=MARKDOWN,
    )
    sdg_targets = TargetChoiceField(
        label=_("UN targets"),
        queryset=SdgTarget.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    hub_goals = forms.ModelMultipleChoiceField(
        label=_("The hub's goals"),
        queryset=HubGoal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self, *args: Any, dialogue: Dialogue, participants: list[Participant], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = Participant.objects.filter(  # type: ignore[attr-defined]
            pk__in=[p.pk for p in participants]
        ).select_related("user", "organisation")
        self.fields["sdg_targets"].queryset = SdgTarget.objects.order_by("goal_id", "position")  # type: ignore[attr-defined]
        self.fields["hub_goals"].queryset = HubGoal.objects.filter(hub_id=dialogue.hub_id).order_by("code")  # type: ignore[attr-defined]


class MeetingForm(core_forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=DateInput())
    notes = _text(_("Notes"), 4, _("Seen by the leads and the parties; never published."))


class NextStepForm(core_forms.Form):
    title = forms.CharField(label=_("Next step"), max_length=200)
    assignee = PersonChoiceField(label=_("Who"), queryset=User.objects.none())
    due_on = forms.DateField(label=_("Due"), required=False, widget=DateInput())
    description = forms.CharField(
        label=_("Details"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, assignees: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            pk__in=[u.pk for u in assignees]
        ).order_by("name", "email")


class PublicationForm(core_forms.Form):
    parts = forms.MultipleChoiceField(
        label=_("Published parts"),
        choices=PUBLIC_PARTS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Nothing is public until the summary is. Private notes, meeting notes and the people "
            "taking part are never published."
        ),
    )
