"""Cooperation agreements: versioned drafts, signatures on the exact text, verification (V2)."""
