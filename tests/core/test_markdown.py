"""User Markdown becomes safe HTML: formatting stays, anything that could run script goes."""

import html as html_lib
import re
from html.parser import HTMLParser

import pytest

from apps.core.markdown import render_markdown


def test_it_keeps_emphasis_and_strong_text():
    html = render_markdown("Some *emphasis* and **strength**.")
    assert "<em>emphasis</em>" in html
    assert "<strong>strength</strong>" in html


def test_it_keeps_lists():
    html = render_markdown("- one\n- two\n\n1. first\n2. second\n")
    assert "<ul>\n<li>one</li>\n<li>two</li>\n</ul>" in html
    assert "<ol>\n<li>first</li>\n<li>second</li>\n</ol>" in html


def test_links_are_kept_and_marked_nofollow():
    html = render_markdown("See [the plan](https://example.org/plan).")
    assert 'href="https://example.org/plan"' in html
    assert 'rel="nofollow noopener noreferrer"' in html
    assert ">the plan</a>" in html


def test_mailto_links_are_kept():
    assert 'href="mailto:post@example.org"' in render_markdown("[Write](mailto:post@example.org)")


class Elements(HTMLParser):
    """Every element in a piece of HTML, with its attributes: what a browser would act on."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    return Elements(html).found


CONTROL_AND_SPACE = "".join(chr(code) for code in range(0x21))


def scheme(href: str) -> str | None:
    """The scheme a browser would see: it drops tabs and newlines and trims control characters."""
    href = re.sub(r"[\t\n\r]", "", html_lib.unescape(href)).strip(CONTROL_AND_SPACE)
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", href)
    return match.group(1).lower() if match else None


def test_it_strips_script_tags():
    html = render_markdown("Hello <script>alert('x')</script> world\n\n<script>alert(1)</script>")
    assert "script" not in [tag for tag, _attrs in elements(html)]
    assert "<script" not in html.lower()
    assert "Hello" in html


@pytest.mark.parametrize(
    "source",
    [
        "[click](javascript:alert(1))",
        "[click](JavaScript:alert(1))",
        "[click](  javascript:alert(1))",
        "[click](java&#x09;script:alert(1))",
        "[click](vbscript:msgbox(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[click][ref]\n\n[ref]: javascript:alert(1)",
        "<javascript:alert(1)>",
        '<a href="javascript:alert(1)">click</a>',
    ],
)
def test_it_strips_script_links(source):
    html = render_markdown(source)
    for tag, attrs in elements(html):
        if tag == "a":
            assert scheme(attrs.get("href") or "") in {None, "http", "https", "mailto"}, html


def test_a_safe_link_survives_among_unsafe_ones():
    html = render_markdown("[bad](javascript:alert(1)) [good](https://example.org)")
    assert [attrs["href"] for tag, attrs in elements(html) if tag == "a"] == ["https://example.org"]


@pytest.mark.parametrize(
    "source",
    [
        '<img src="x" onerror="alert(1)">',
        '![pic](x.png" onerror="alert(1))',
        '![pic](https://example.org/x.png "title" onerror="alert(1)")',
        '<p onclick="alert(1)">hi</p>',
        '<a href="https://example.org" onmouseover="alert(1)">hi</a>',
        '[hi](https://example.org "x" onmouseover="alert(1)")',
    ],
)
def test_it_strips_event_handler_attributes(source):
    html = render_markdown(source)
    # Raw HTML may show as escaped text, but no element carries an on… attribute.
    for tag, attrs in elements(html):
        assert tag in {"p", "a", "em", "strong"}, html
        assert not [name for name in attrs if name.startswith("on")], html
    assert "<img" not in html


def test_raw_html_is_escaped_not_rendered():
    html = render_markdown('<b>bold?</b> <iframe src="https://evil.example"></iframe>')
    assert "<b>" not in html
    assert "<iframe" not in html
    assert "&lt;iframe" in html


def test_empty_text_is_empty():
    assert render_markdown("") == ""
    assert render_markdown(None) == ""  # type: ignore[arg-type]


def test_the_result_is_safe_to_put_in_a_template():
    from django.template import Context, Template

    rendered = Template("{{ html }}").render(Context({"html": render_markdown("*hi*")}))
    assert rendered == "<p><em>hi</em></p>\n"
