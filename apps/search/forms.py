from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core import forms as core_forms
from apps.search.models import Kind
from apps.search.selectors import MAX_QUERY

# The filters sit beside the search box, outside its <form>: their inputs name it.
FORM_ID = "search-form"


class SearchForm(core_forms.Form):
    q = forms.CharField(label=_("Search for"), max_length=MAX_QUERY, required=False)
    kind = forms.MultipleChoiceField(
        label=_("Show"),
        choices=Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"form": FORM_ID}),
    )


class SiteSearchForm(SearchForm):
    hub = forms.ChoiceField(label=_("Hub"), required=False, widget=forms.Select(attrs={"form": FORM_ID}))

    def __init__(self, *args: object, hubs: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["hub"].choices = [("", _("All hubs")), *hubs]  # type: ignore[attr-defined]
