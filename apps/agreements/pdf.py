"""The agreement as a PDF (fpdf2, core fonts): the text, the parties, the signatures and the hash.

The core fonts know Latin-1 only. Norwegian and Swedish letters (æ ø å ä ö é ü) are in it;
typographic punctuation is replaced by its plain form, letters with accents outside Latin-1
lose their accent (NFKD), and anything else becomes "?" — never an error.
"""

import re
import unicodedata
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from fpdf import FPDF

_REPLACEMENTS = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": ",",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u2212": "-",
    "\u2026": "...",
    "\u2022": "-",
    "\u00a0": " ",
    "\u202f": " ",
    "\u2009": " ",
    "\u200b": "",
    "\u20ac": "EUR",
    "\u2122": "(TM)",
}
_INLINE = re.compile(r"(\*\*|__|\*|_|`)")


def latin1(text: str) -> str:
    """`text` with only characters the PDF core fonts can draw."""
    out = []
    for char in unicodedata.normalize("NFC", text or ""):
        if char in _REPLACEMENTS:
            out.append(_REPLACEMENTS[char])
            continue
        try:
            char.encode("latin-1")
        except UnicodeEncodeError:
            base = unicodedata.normalize("NFKD", char).encode("latin-1", "ignore").decode("latin-1")
            base = "".join(c for c in base if not unicodedata.combining(c))
            out.append(base or "?")
        else:
            out.append(char if char in "\n\t" or unicodedata.category(char)[0] != "C" else "")
    return "".join(out)


def _inline(text: str) -> str:
    """Markdown emphasis and code marks dropped: the PDF shows the words."""
    return _INLINE.sub("", text)


def _when(moment: Any) -> str:
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def agreement_pdf(*, agreement: Any, version: Any, signatures: list[Any], parties: list[Any]) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_title(latin1(agreement.title))
    pdf.set_creator("Allmenning")
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    width = pdf.epw

    def write(text: str, *, size: float = 11, style: str = "", gap: float = 2, indent: float = 0) -> None:
        pdf.set_font("Helvetica", style=style, size=size)
        pdf.set_x(pdf.l_margin + indent)
        pdf.multi_cell(width - indent, size * 0.5, latin1(text), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(gap)

    write(agreement.title, size=18, style="B", gap=1)
    write(
        _("Version %(number)d · %(start)s - %(end)s · %(status)s")
        % {
            "number": version.number,
            "start": formats.date_format(agreement.starts_on, "DATE_FORMAT"),
            "end": formats.date_format(agreement.ends_on, "DATE_FORMAT"),
            "status": agreement.get_status_display(),
        },
        size=10,
        gap=4,
    )

    for raw in version.text.splitlines():
        line = raw.rstrip()
        if not line:
            pdf.ln(2)
            continue
        heading = re.match(r"^(#{1,6})\s+(.*)$", line)
        bullet = re.match(r"^(\s*)[-*+]\s+(.*)$", line)
        if heading:
            level = len(heading.group(1))
            write(_inline(heading.group(2)), size={1: 16, 2: 13}.get(level, 11.5), style="B", gap=1)
        elif bullet:
            depth = min(len(bullet.group(1)) // 2, 4)
            write("- " + _inline(bullet.group(2)), indent=4 + 5 * depth, gap=0.5)
        else:
            write(_inline(line), gap=0.5)

    pdf.ln(4)
    write(_("Parties"), size=13, style="B", gap=1)
    for party in parties:
        write("- " + party.organisation.name, gap=0.5)
    pdf.ln(3)
    write(_("Signatures on version %(number)d") % {"number": version.number}, size=13, style="B", gap=1)
    if not signatures:
        write(_("No party has signed this version yet."))
    for signature in signatures:
        write(
            _("%(organisation)s: signed by %(name)s, %(when)s")
            % {
                "organisation": signature.organisation_name,
                "name": signature.representative_name,
                "when": _when(signature.signed_at),
            },
            gap=0.5,
        )
    pdf.ln(3)
    write(_("SHA-256 of the canonical text"), size=11, style="B", gap=0.5)
    pdf.set_font("Courier", size=9)
    pdf.multi_cell(width, 4.5, version.sha256, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
