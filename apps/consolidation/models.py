"""Consolidation: overlapping initiatives found, reviewed by stewards, and merged keeping everything (M3)."""
