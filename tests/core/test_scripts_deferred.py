"""Every script a template loads is deferred: it never blocks the first paint (docs/performance.md,
"Front end: first load")."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = re.compile(r"<script\b[^>]*>", re.IGNORECASE)
SCRIPT_ELEMENT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.IGNORECASE | re.DOTALL)


def templates() -> list[Path]:
    return sorted([*ROOT.glob("allmenning/templates/**/*.html"), *ROOT.glob("apps/*/templates/**/*.html")])


def test_every_script_with_a_source_is_deferred():
    assert templates()
    blocking = []
    for path in templates():
        for tag in SCRIPT.findall(path.read_text()):
            if "src=" in tag and not re.search(r"\b(defer|async)\b|type=\"module\"", tag):
                blocking.append(f"{path.relative_to(ROOT)}: {tag}")
    assert blocking == []


def test_no_template_runs_script_inline():
    """Inline scripts would need a nonce and run before the page is painted; data for scripts is
    written as JSON (`<script type="application/json">`) instead."""
    inline = []
    for path in templates():
        for match in SCRIPT_ELEMENT.finditer(path.read_text()):
            attributes, body = match.groups()
            if "src=" not in attributes and body.strip() and "application/json" not in attributes:
                inline.append(f"{path.relative_to(ROOT)}: <script{attributes}>")
    assert inline == []
