"""A readable difference between two versions of a text, as accessible HTML.

The user's text is escaped *before* it is compared, so every piece of the output is either
escaped user text or markup written here; nothing the user wrote can become a tag. Lines are
compared first; a changed run of lines is then compared word by word. Added text is wrapped in
<ins>, removed text in <del>, each with a visually hidden label for screen readers.
"""

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

# Entities stay whole (escape() produced them), words stay whole, whitespace and punctuation
# are tokens of their own.
_TOKEN = re.compile(r"&(?:[a-z]+|#\d+);|\w+|\s+|[^\w\s]", re.UNICODE)
_WORD = re.compile(r"\w")


@dataclass
class Diff:
    html: SafeString
    added_words: int
    removed_words: int

    @property
    def changed(self) -> bool:
        return bool(self.added_words or self.removed_words)


def _words(tokens: list[str]) -> int:
    return sum(1 for token in tokens if _WORD.match(token))


def _wrap(tag: str, escaped: str) -> str:
    label = _("added:") if tag == "ins" else _("removed:")
    end = _("end of addition") if tag == "ins" else _("end of removal")
    return (
        f'<{tag}><span class="ds-sr-only">[{escape(label)}] </span>{escaped}'
        f'<span class="ds-sr-only"> [{escape(end)}]</span></{tag}>'
    )


def diff_texts(old: str, new: str) -> Diff:
    old_lines = escape(old or "").splitlines(keepends=True)
    new_lines = escape(new or "").splitlines(keepends=True)
    out: list[str] = []
    added = removed = 0
    lines = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for op, a1, a2, b1, b2 in lines.get_opcodes():
        if op == "equal":
            out.append("".join(old_lines[a1:a2]))
            continue
        old_tokens = _TOKEN.findall("".join(old_lines[a1:a2]))
        new_tokens = _TOKEN.findall("".join(new_lines[b1:b2]))
        words = difflib.SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
        for wop, c1, c2, d1, d2 in words.get_opcodes():
            if wop == "equal":
                out.append("".join(old_tokens[c1:c2]))
                continue
            if c2 > c1:
                gone = old_tokens[c1:c2]
                removed += _words(gone)
                out.append(_wrap("del", "".join(gone)))
            if d2 > d1:
                came = new_tokens[d1:d2]
                added += _words(came)
                out.append(_wrap("ins", "".join(came)))
    # Every piece above is escaped user text or fixed markup from _wrap.
    return Diff(html=mark_safe("".join(out)), added_words=added, removed_words=removed)  # noqa: S308 # nosec B308 B703
