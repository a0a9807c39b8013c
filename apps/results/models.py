"""Desired results with indicators and targets, progress reports, closing the loop (V6)."""
