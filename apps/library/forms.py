"""Forms of the library's pages; the services check the values again."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from apps.core import forms as core_forms
from apps.library.models import BODY_MAX, SUMMARY_MAX, TITLE_MAX, Kind, Licence

ENTRY_KINDS = [(value, label) for value, label in Kind.choices if value != Kind.CASE_STUDY]
LICENCE_CHOICES = [("", _("Choose an open licence")), *list(Licence.choices)]


class EntryForm(core_forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ENTRY_KINDS)
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    summary = forms.CharField(
        label=_("Summary"), max_length=SUMMARY_MAX, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    body = forms.CharField(
        label=_("Text"),
        max_length=BODY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Markdown: # headings, **bold**, lists and links."),
    )
    link = forms.URLField(
        label=_("Link to a document or page"), required=False, max_length=500, assume_scheme="https"
    )
    tags = forms.CharField(
        label=_("Tags"), max_length=200, required=False, help_text=_("Separated by commas.")
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    licence = forms.ChoiceField(
        label=_("Open licence"),
        choices=LICENCE_CHOICES,
        required=False,
        help_text=_("Everything in the library is shared under an open licence, shown on the entry."),
    )

    def __init__(self, *args: object, case_study: bool = False, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if case_study:
            del self.fields["kind"]


class SearchForm(core_forms.Form):
    q = forms.CharField(label=_("Search the library"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("All kinds")), *Kind.choices], required=False)


class CourseForm(core_forms.Form):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    summary = forms.CharField(
        label=_("Summary"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    licence = forms.ChoiceField(label=_("Open licence"), choices=Licence.choices)


class LessonForm(core_forms.Form):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    body = forms.CharField(
        label=_("Lesson"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Markdown."),
    )


class SubscriptionForm(core_forms.Form):
    feed_url = forms.CharField(
        label=_("Feed address"),
        max_length=500,
        help_text=_("The address of another library's feed, e.g. https://example.org/oslo/library/feed/"),
    )
