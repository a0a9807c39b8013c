"""Template helpers: Markdown, initials for avatars."""

from django import template
from django.utils.safestring import SafeString

from apps.core.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    return render_markdown(text)


@register.filter
def initials(name: str) -> str:
    parts = [p for p in (name or "").replace("@", " ").split() if p]
    return "".join(p[0] for p in parts[:2]).upper() or "?"
