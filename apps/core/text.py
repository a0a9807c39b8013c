"""Plain text from templates: e-mails and notifications are text, not HTML.

A ``.txt`` template rendered by the HTML engine escapes ``&`` to ``&amp;``, and the page that later
shows the text escapes it again (``&amp;amp;``). :func:`render_plain` renders with the ``text``
engine (settings.TEMPLATES), which escapes nothing; HTML pages escape the stored text once.
"""

from typing import Any

from django.template import engines


def render_plain(template_name: str, context: dict[str, Any]) -> str:
    """Render the plain-text template ``template_name`` without HTML escaping."""
    return engines["text"].get_template(template_name).render(context)
