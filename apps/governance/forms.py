"""Forms for the governance pages. They validate input; the services do the writing."""

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.core import forms as core_forms
from apps.governance.models import (
    MINUTES_MAX,
    SEATS_MAX,
    TEXT_MAX,
    Ballot,
    Candidate,
    Choice,
    Meeting,
    Motion,
)

MARKDOWN_HELP = _("Markdown: **bold**, *italic*, lists with -, headings with ##.")


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class PeopleField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class MeetingForm(core_forms.Form):
    kind = forms.ChoiceField(label=_("Kind of meeting"), choices=Meeting.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DateTimeLocalInput())
    place = forms.CharField(label=_("Place or video link"), max_length=300, required=False)
    agenda = forms.CharField(
        label=_("Agenda"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=12_000,
        required=False,
        help_text=_("One item a line, in order. They are numbered 1, 2, 3 …"),
    )


class MeetingEditForm(MeetingForm):
    minutes = forms.CharField(
        label=_("Minutes"),
        widget=forms.Textarea(attrs={"rows": 14}),
        max_length=MINUTES_MAX,
        required=False,
        help_text=format_lazy(
            "{} {}", _("Published in the decision log when the meeting is closed."), MARKDOWN_HELP
        ),
    )


class MotionForm(core_forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(
        label=_("The motion"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=MARKDOWN_HELP,
    )
    organisation = forms.TypedChoiceField(
        label=_("Proposed by"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args: Any, organisations: list[Any], is_member: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("Myself, as a member"))] if is_member else []
        choices += [(o.pk, o.name) for o in organisations]
        if len(choices) <= 1:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].choices = choices  # type: ignore[attr-defined]
            self.fields["organisation"].required = not is_member


class BallotForm(core_forms.Form):
    kind = forms.ChoiceField(label=_("Kind of ballot"), choices=Ballot.Kind.choices, widget=forms.RadioSelect)
    motion = forms.ModelChoiceField(label=_("Motion"), queryset=Motion.objects.none(), required=False)
    title = forms.CharField(
        label=_("Title of the election"), max_length=200, required=False, help_text=_("For an election.")
    )
    seats = forms.IntegerField(label=_("Seats"), min_value=1, max_value=SEATS_MAX, initial=1, required=False)
    candidates = PeopleField(
        label=_("Candidates"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Members of the hub who stand for election."),
    )
    secret = forms.BooleanField(
        label=_("Secret ballot"),
        required=False,
        help_text=_("Nobody can see who voted what; each voter gets a receipt code."),
    )

    def __init__(self, *args: Any, meeting: Meeting, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["motion"].queryset = meeting.motions.filter(  # type: ignore[attr-defined]
            outcome=Motion.Outcome.PENDING, ballot__isnull=True
        ).order_by("pk")
        self.fields["candidates"].queryset = members  # type: ignore[attr-defined]


class VoteForm(core_forms.Form):
    """One vote: for whom (the voter themself or an organisation they represent) and the choice.
    Built for one ballot: yes/no/abstain for a motion, up to `seats` candidates for an election."""

    voter = forms.ChoiceField(label=_("Vote as"), widget=forms.RadioSelect)
    choice = forms.ChoiceField(label=_("Your vote"), choices=Choice.choices, widget=forms.RadioSelect)
    candidates = forms.ModelMultipleChoiceField(
        label=_("Your candidates"),
        queryset=Candidate.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, ballot: Ballot, options: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["voter"].choices = [  # type: ignore[attr-defined]
            (o.value, o.organisation.name if o.organisation else _("Myself, as a member"))
            for o in options
            if not o.cast
        ]
        if len(self.fields["voter"].choices) == 1:  # type: ignore[attr-defined]
            self.fields["voter"].initial = self.fields["voter"].choices[0][0]  # type: ignore[attr-defined]
        if ballot.is_election:
            del self.fields["choice"]
            field = self.fields["candidates"]
            field.queryset = ballot.candidates.select_related("user").order_by("pk")  # type: ignore[attr-defined]
            field.label_from_instance = lambda c: c.user.display_name  # type: ignore[attr-defined]
            field.help_text = _("Mark up to %(seats)d.") % {"seats": ballot.seats}
        else:
            del self.fields["candidates"]


class ReceiptForm(core_forms.Form):
    code = forms.CharField(
        label=_("Receipt code"), max_length=40, help_text=_("For example ABCD-EFGH-JKLM-NPQR.")
    )
