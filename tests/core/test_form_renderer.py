"""Forms render through Django's form renderer with Designsystemet's markup."""

from django import forms
from django.template import Context, Template

from apps.accounts.forms import ProfileForm


class Sample(forms.Form):
    name = forms.CharField(label="Name", help_text="Your full name")
    colours = forms.MultipleChoiceField(
        choices=[("r", "Red"), ("g", "Green")],
        widget=forms.CheckboxSelectMultiple(attrs={"columns": True}),
        required=False,
    )


def test_a_whole_form_and_one_field_give_designsystemet_markup_with_errors_tied_to_the_control():
    form = Sample(data={"name": ""})
    assert not form.is_valid()
    html = Template("{{ form }}").render(Context({"form": form}))
    assert '<label class="ds-label" for="id_name">Name</label>' in html
    assert 'aria-invalid="true"' in html and 'aria-describedby="id_name_helptext id_name_error"' in html
    assert 'class="ds-validation-message"' in html
    assert "choice-list--columns" in html and 'columns="' not in html
    assert html.count('class="ds-field"') == 3  # the text field and each checkbox
    one = Template("{{ form.name.as_field_group }}").render(Context({"form": form}))
    assert 'id="id_name"' in one and "Green" not in one


def test_the_profile_lays_out_competences_in_columns(db):
    html = Template("{{ form.competences.as_field_group }}").render(Context({"form": ProfileForm()}))
    assert "choice-list--columns" in html
