"""Single-line text (names, titles, subjects) refuses control characters, and an e-mail sent
after a change is saved can never turn that change into an error page."""

import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.core import mail

import apps
from apps.core.forms import SingleLineFieldsMixin
from apps.core.tasks import send_email
from apps.hubs.models import Membership

pytestmark = pytest.mark.django_db


def test_a_name_with_a_carriage_return_is_refused_and_nothing_is_saved(client, mia):
    client.force_login(mia)

    response = client.post("/me/profile/", {"name": "Mia\rBcc: everyone@example.org"})

    assert response.status_code in (200, 400)
    assert "This field must be a single line without control characters." in response.content.decode()
    mia.refresh_from_db()
    assert mia.name == "Mia Member"


def test_the_refusal_is_in_the_users_language(client, mia):
    client.force_login(mia)
    response = client.post("/me/profile/", {"name": "Mia\nMember"}, HTTP_ACCEPT_LANGUAGE="nb")
    assert response.status_code == 400
    assert "Feltet må være én linje uten kontrolltegn." in response.content.decode()
    mia.refresh_from_db()
    assert mia.name == "Mia Member"


def test_a_textarea_keeps_its_line_breaks(client, oslo, stella, vic):
    client.force_login(vic)
    response = client.post("/oslo/join/", {"message": "I know bike lanes.\r\nAnd benches."})
    assert response.status_code == 302
    assert Membership.objects.get(hub=oslo, user=vic).message == "I know bike lanes.\r\nAnd benches."


def test_a_join_by_someone_whose_stored_name_breaks_a_header_is_saved_and_mailed(
    client, oslo, stella, vic, django_capture_on_commit_callbacks
):
    vic.name = "Vic\rBcc: everyone@example.org"  # stored before names were checked
    vic.save()
    client.force_login(vic)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/oslo/join/", {"message": "Hello"})

    assert response.status_code == 302
    assert Membership.objects.filter(hub=oslo, user=vic).exists()
    assert mail.outbox, "the stewards are told"
    assert all("\r" not in m.subject and "\n" not in m.subject for m in mail.outbox)


def test_an_address_that_breaks_a_header_is_logged_not_raised(caplog):
    sent = send_email(to=["x@example.org\r\nBcc: y@example.org"], subject="Hi", body="Hello")
    assert sent == 0
    assert "not sent" in caplog.text


def project_forms() -> list[type]:
    found = []
    for module_info in pkgutil.iter_modules(apps.__path__):
        try:
            module = importlib.import_module(f"apps.{module_info.name}.forms")
        except ModuleNotFoundError:
            continue
        for _name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, forms.BaseForm) and value.__module__ == module.__name__:
                found.append(value)
    return found


def test_every_form_in_the_project_checks_its_single_line_fields():
    all_forms = project_forms()
    assert len(all_forms) > 40
    unchecked = [
        f"{form.__module__}.{form.__name__}"
        for form in all_forms
        if not issubclass(form, SingleLineFieldsMixin)
    ]
    assert unchecked == []
