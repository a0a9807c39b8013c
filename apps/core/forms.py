"""Forms' shared ground.

`Form` and `ModelForm` are the bases of every form in the project: a single-line text field
(a name, a title, a subject) refuses control characters — a line break in a name would end up
in an e-mail header. Multi-line fields (textareas) and hidden fields keep theirs.
`add_service_errors` puts a service's ValidationError onto the form that caused it.
"""

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _

# C0 and C1 control characters, line breaks and tabs included.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def refuse_control_characters(value: Any) -> None:
    if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
        raise ValidationError(
            _("This field must be a single line without control characters."), code="control_characters"
        )


def is_single_line(field: forms.Field) -> bool:
    return isinstance(field, forms.CharField) and not isinstance(
        field.widget, (forms.Textarea, forms.HiddenInput)
    )


class SingleLineFieldsMixin:
    """Adds `refuse_control_characters` to every single-line text field before cleaning, so that
    fields added in a subclass's __init__ are covered too."""

    fields: dict[str, forms.Field]

    def full_clean(self) -> None:
        for field in self.fields.values():
            if is_single_line(field) and refuse_control_characters not in field.validators:
                field.validators.append(refuse_control_characters)
        super().full_clean()  # type: ignore[misc]


class DesignsystemetRenderer(TemplatesSetting):
    """Every form and field renders with Designsystemet's markup (allmenning/templates/forms/):
    `{{ form }}` gives every field, `{{ form.name.as_field_group }}` one."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


class Form(SingleLineFieldsMixin, forms.Form):
    pass


class ModelForm(SingleLineFieldsMixin, forms.ModelForm):
    pass


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
