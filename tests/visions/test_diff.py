from apps.visions.diff import diff_texts


def test_added_and_removed_words_are_marked():
    diff = diff_texts("Oslo is a grey city.\nSecond line.", "Oslo is a green city.\nSecond line.")
    html = str(diff.html)
    assert "<del>" in html and "grey" in html.split("<del>")[1].split("</del>")[0]
    assert "green" in html.split("<ins>")[1].split("</ins>")[0]
    assert diff.added_words == 1 and diff.removed_words == 1
    assert "Second line." in html


def test_whole_lines_added():
    diff = diff_texts("One.\n", "One.\nTwo new words.\n")
    assert diff.added_words == 3 and diff.removed_words == 0
    assert "Two new words." in str(diff.html).split("<ins>")[1]


def test_user_markup_is_escaped_before_diffing():
    diff = diff_texts("Hello", 'Hello <script>alert("x")</script> & <b>bold</b>')
    html = str(diff.html)
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html and "&amp;" in html
    # Only our own tags are left.
    import re

    assert set(re.findall(r"</?([a-z]+)", html)) <= {"ins", "del", "span"}


def test_screen_readers_hear_what_changed():
    html = str(diff_texts("a", "a b").html)
    assert 'class="ds-sr-only"' in html and "added" in html


def test_no_change():
    assert not diff_texts("Same", "Same").changed
