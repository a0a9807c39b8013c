"""Read the forms of a rendered page the way a browser would (stdlib `html.parser`, no new
dependency): each form's action, method and fields, with the values the page put in them.

Tests that post "what the page offers" (the fuzz tests in tests/core/test_fuzz_forms.py) use it so
that they follow the real form and its tokens, not a copy of its field names that could go stale."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Field:
    name: str
    kind: str  # input type ("text", "number", "checkbox" …), "textarea" or "select"
    value: str = ""
    checked: bool = False
    options: list[str] = field(default_factory=list)  # a select's option values


@dataclass
class Form:
    action: str
    method: str
    fields: list[Field] = field(default_factory=list)

    def names(self) -> list[str]:
        """Each field name once, in page order."""
        return list(dict.fromkeys(f.name for f in self.fields))

    def defaults(self) -> dict[str, list[str]]:
        """What the browser would send untouched: checked boxes, selected options, filled values."""
        values: dict[str, list[str]] = {}
        for f in self.fields:
            if f.kind in ("checkbox", "radio") and not f.checked:
                values.setdefault(f.name, [])
                continue
            if f.kind in ("submit", "button", "file", "reset", "image"):
                continue
            values.setdefault(f.name, []).append(f.value)
        return values

    def choices(self, name: str) -> list[str]:
        """The values a select, radio group or set of checkboxes offers for `name`."""
        found: list[str] = []
        for f in self.fields:
            if f.name != name:
                continue
            if f.kind == "select":
                found.extend(f.options)
            elif f.kind in ("checkbox", "radio"):
                found.append(f.value)
        return found

    def kinds(self) -> dict[str, str]:
        return {f.name: f.kind for f in reversed(self.fields)}


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: Field | None = None
        self._selected: str | None = None
        self._option: dict[str, str | None] | None = None
        self._option_text = ""
        self._textarea: Field | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form":
            self._form = Form(action=a.get("action") or "", method=(a.get("method") or "get").lower())
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            value = a.get("value")
            if value is None:
                value = "on" if kind in ("checkbox", "radio") else ""
            self._form.fields.append(Field(name, kind, value, checked="checked" in a))
        elif tag == "textarea" and name:
            self._textarea = Field(name, "textarea")
            self._form.fields.append(self._textarea)
        elif tag == "select" and name:
            self._select = Field(name, "select")
            self._selected = None
            self._form.fields.append(self._select)
        elif tag == "option" and self._select is not None:
            if self._option is not None:  # the previous option's end tag was left out
                self._end_option()
            self._option = a
            self._option_text = ""

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea.value += data
        if self._option is not None:
            self._option_text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "option" and self._option is not None and self._select is not None:
            self._end_option()
        elif tag == "select" and self._select is not None:
            if self._option is not None:
                self._end_option()
            select = self._select
            select.value = self._selected if self._selected is not None else (select.options or [""])[0]
            self._select = None

    def _end_option(self) -> None:
        assert self._option is not None and self._select is not None
        value = self._option.get("value")
        value = self._option_text.strip() if value is None else value
        self._select.options.append(value)
        if "selected" in self._option:
            self._selected = value
        self._option = None


def forms_of(html: str) -> list[Form]:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.forms


def form_posting_to(html: str, action: str) -> Form:
    """The page's POST form whose action is `action` (the empty action counts as the page's own)."""
    found = [f for f in forms_of(html) if f.method == "post" and f.action == action]
    if not found:
        actions = [(f.method, f.action) for f in forms_of(html)]
        raise AssertionError(f"no POST form to {action!r} on the page; forms: {actions}")
    return found[0]
