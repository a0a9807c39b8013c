"""Django admin strings that Django's own Norwegian and Swedish catalogues do not have yet (new
in Django 5): named here so that `makemessages` puts them into ours, which Django reads before
its own. Nothing imports this module; only the translation extractor reads it."""

from django.utils.translation import gettext_noop

ADMIN_STRINGS = (
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    gettext_noop("Filter navigation items"),
    gettext_noop("Select all objects on this page for an action"),
)
