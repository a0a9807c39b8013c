"""Form inputs keep machine formats in every language (a localised date or decimal comma would
make the browser treat a date or number input as empty)."""

import datetime

import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation


class Sample(forms.Form):
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    when = forms.DateTimeField(widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    lon = forms.FloatField()
    name = forms.CharField()


def render(form):
    return Template("{{ form }}").render(Context({"form": form}))  # Django's form renderer


@pytest.mark.parametrize("language", ["nb", "sv", "en"])
def test_dates_and_numbers_are_written_in_machine_format(language, settings):
    settings.TIME_ZONE = "Europe/Oslo"
    form = Sample(
        initial={
            "day": datetime.date(2026, 11, 23),
            "when": datetime.datetime(2026, 11, 23, 17, 30, tzinfo=datetime.UTC),
            "lon": 59.9139,
            "name": "Tøyen <b>",
        }
    )
    with translation.override(language):
        html = render(form)
    assert 'value="2026-11-23"' in html
    assert 'value="2026-11-23T18:30"' in html  # shown in the hub's time zone
    assert 'value="59.9139"' in html
    assert 'value="Tøyen &lt;b&gt;"' in html
