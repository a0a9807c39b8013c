"""The canonical text, step by step, as the verification page documents it."""

import hashlib

from apps.agreements.canonical import canonical_text, clean_hash, sha256_of


def test_line_endings_become_line_feeds():
    assert canonical_text("a\r\nb\rc\n") == "a\nb\nc\n"


def test_trailing_whitespace_of_each_line_is_removed_but_leading_kept():
    assert canonical_text("  a \t\nb\u00a0\n") == "  a\nb\n"


def test_exactly_one_final_newline():
    assert canonical_text("a") == "a\n"
    assert canonical_text("a\n\n\n  \n") == "a\n"


def test_nfc_makes_composed_and_decomposed_letters_equal():
    assert canonical_text("a\u030a") == canonical_text("å") == "å\n"


def test_byte_order_mark_is_dropped():
    assert canonical_text("\ufeffTekst") == "Tekst\n"


def test_empty_text_is_empty():
    assert canonical_text("") == canonical_text(" \n\r\n") == ""


def test_hash_is_sha256_of_the_utf8_canonical_text():
    assert sha256_of("Samarbeid  \r\n") == hashlib.sha256(b"Samarbeid\n").hexdigest()
    assert sha256_of("x") != sha256_of("y")


def test_clean_hash_accepts_pasted_forms_only():
    digest = sha256_of("x")
    assert clean_hash(f"  {digest.upper()} ") == digest
    assert clean_hash(digest[:10] + " " + digest[10:]) == digest
    assert clean_hash("abc") is None
    assert clean_hash("z" * 64) is None
