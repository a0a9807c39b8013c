"""Forms for the participation pages. They validate input; the services do the writing."""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core import forms as core_forms
from apps.participation.models import BODY_MAX, COMMENT_MAX, REASON_MAX, TITLE_MAX, Category


class IdeaForm(core_forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=TITLE_MAX, help_text=_("A short headline for your idea.")
    )
    body = forms.CharField(
        label=_("Your idea"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What would you like to see, and why? You can use Markdown."),
    )
    category = forms.ChoiceField(
        label=_("Category (optional)"),
        choices=[("", _("Choose a category")), *Category.choices],
        required=False,
    )


class CommentForm(core_forms.Form):
    body = forms.CharField(
        label=_("Comment"), max_length=COMMENT_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ReportForm(core_forms.Form):
    reason = forms.CharField(
        label=_("What is wrong?"), max_length=REASON_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )
    comment = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ModerationForm(core_forms.Form):
    """Hide or show an idea or comment, or decide a report."""

    action = forms.ChoiceField(
        choices=[("hide", _("Hide")), ("unhide", _("Show again")), ("dismiss", _("Dismiss the report"))]
    )
    reason = forms.CharField(
        label=_("Reason"), max_length=REASON_MAX, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    comment = forms.IntegerField(required=False, widget=forms.HiddenInput)
