"""A notification's short text for the in-app list: one or two sentences, no greeting and no
addresses (the list gives the one link). The e-mail keeps the whole body."""

import re

SHORT_MAX = 280
_LINK_LINE = re.compile(r"^\s*(\S*://\S*|/\S*)\s*$")
_URL = re.compile(r"\S+://\S+")


def short_text(body: str, *, limit: int = SHORT_MAX) -> str:
    """The first paragraph of `body` that says something: not the greeting ("Hello,"), not a
    line that is only an address; addresses inside the text are dropped, whitespace folded."""
    for paragraph in re.split(r"\n\s*\n", body or ""):
        lines = [line for line in paragraph.splitlines() if line.strip() and not _LINK_LINE.match(line)]
        text = " ".join(" ".join(lines).split())
        text = " ".join(_URL.sub("", text).split())
        if not text:
            continue
        if len(lines) == 1 and text.endswith(",") and len(text) <= 40:
            continue  # a greeting
        if len(text) > limit:
            text = text[: limit - 1].rstrip() + "…"
        return text
    return ""


def short_template_name(template: str) -> str:
    """Where a notification template's own short text lives, if it has one:
    "initiatives/email/team_changed.txt" → "initiatives/email/team_changed.short.txt"."""
    return template[:-4] + ".short.txt" if template.endswith(".txt") else template + ".short"
