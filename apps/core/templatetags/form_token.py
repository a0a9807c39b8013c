"""`{% csrf_token %}` that also writes the form's double-submission token
(`apps.core.idempotency`). Loaded as a template builtin after Django's own tags, so every form in
every template gets it without an edit."""

from typing import Any

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.utils.safestring import SafeString, mark_safe

from apps.core.idempotency import form_token_input

register = template.Library()


class CsrfAndFormTokenNode(CsrfTokenNode):
    def render(self, context: Any) -> SafeString:
        csrf = super().render(context)
        if not csrf:  # no CSRF token in this context (a plain-text template): nothing to add
            return mark_safe(csrf)  # noqa: S308 (empty) # nosec B308 B703
        return mark_safe(csrf + form_token_input(context))  # noqa: S308 (our own markup, no input) # nosec B308 B703


@register.tag
def csrf_token(parser: template.base.Parser, token: template.base.Token) -> CsrfAndFormTokenNode:
    return CsrfAndFormTokenNode()
