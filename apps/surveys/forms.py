"""Forms for organisers (surveys, questions, votes, concepts) and for voters. Answers to a
survey are read from the POST data by `answers_from_post` and checked by the service."""

from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from apps.core import forms as core_forms
from apps.surveys.models import Concept, ConceptVote, Question, Survey

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class SurveyForm(core_forms.ModelForm):
    class Meta:
        model = Survey
        fields = ["title", "intro", "allow_anonymous", "opens_at", "closes_at"]
        widgets = {"intro": forms.Textarea(attrs={"rows": 5}), "opens_at": DATETIME, "closes_at": DATETIME}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes < opens:
            self.add_error("closes_at", _("The end cannot be before the start."))
        return data


class VoteForm(core_forms.ModelForm):
    class Meta:
        model = ConceptVote
        fields = ["title", "intro", "results_live", "opens_at", "closes_at"]
        widgets = {"intro": forms.Textarea(attrs={"rows": 5}), "opens_at": DATETIME, "closes_at": DATETIME}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes < opens:
            self.add_error("closes_at", _("The end cannot be before the start."))
        return data


class QuestionForm(core_forms.Form):
    kind = forms.ChoiceField(label=_("Kind of question"), choices=Question.Kind.choices)
    text = forms.CharField(label=_("Question"), max_length=300)
    help = forms.CharField(label=_("Help text"), max_length=300, required=False)
    required = forms.BooleanField(label=_("An answer is required"), required=False, initial=True)
    options = forms.CharField(
        label=_("Options"),
        help_text=_("For single choice, multiple choice and ranking: one option per line."),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=8000,
    )
    scale_min = forms.IntegerField(label=_("Scale: lowest value"), initial=1, min_value=-10, max_value=10)
    scale_max = forms.IntegerField(label=_("Scale: highest value"), initial=5, min_value=-9, max_value=20)
    min_label = forms.CharField(label=_("Scale: label of the lowest value"), max_length=60, required=False)
    max_label = forms.CharField(label=_("Scale: label of the highest value"), max_length=60, required=False)

    @classmethod
    def for_question(cls, question: Question, data: Any = None) -> "QuestionForm":
        initial = {
            "kind": question.kind,
            "text": question.text,
            "help": question.help,
            "required": question.required,
            "options": "\n".join(question.options),
            "scale_min": question.scale_min,
            "scale_max": question.scale_max,
            "min_label": question.min_label,
            "max_label": question.max_label,
        }
        return cls(data, initial=initial)

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["options"] = [line.strip() for line in data["options"].splitlines() if line.strip()]
        return data


class ConceptForm(core_forms.Form):
    title = forms.CharField(label=_("Title"), max_length=160)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=5000
    )
    image = forms.FileField(
        label=_("Image"),
        required=False,
        help_text=_("JPEG, PNG, WebP or GIF."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
    )
    image_alt = forms.CharField(
        label=_("Image description (alt text)"),
        max_length=300,
        required=False,
        help_text=_("Required with an image: what does it show?"),
    )


class BallotForm(core_forms.Form):
    concept = forms.ModelChoiceField(
        label=_("Your choice"), queryset=Concept.objects.none(), widget=forms.RadioSelect, empty_label=None
    )
    wants_to_join = forms.BooleanField(
        label=_("I want to join the project group"),
        required=False,
        help_text=_("We will send you a link to confirm."),
    )

    def __init__(self, *args: Any, vote: ConceptVote, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["concept"].queryset = vote.concepts.all()  # type: ignore[attr-defined]
        if not vote.initiative_id:
            del self.fields["wants_to_join"]


def answers_from_post(questions: list[Question], data: QueryDict) -> dict[int, Any]:
    """Raw answers per question id from the answer page's fields (see survey_answer.html)."""
    raw: dict[int, Any] = {}
    for question in questions:
        name = f"q{question.pk}"
        if question.kind == Question.Kind.MULTIPLE:
            raw[question.pk] = data.getlist(name)
        elif question.kind == Question.Kind.RANKING:
            raw[question.pk] = [data.get(f"{name}-{i}", "") for i in range(len(question.options))]
        elif question.kind == Question.Kind.POINT:
            raw[question.pk] = {"lon": data.get(f"{name}-lon", ""), "lat": data.get(f"{name}-lat", "")}
        else:
            raw[question.pk] = data.get(name, "")
    return raw
