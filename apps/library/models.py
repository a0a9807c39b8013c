"""The knowledge library: methods, guides, lessons, courses and case studies, shared between
installations (P5, X7)."""
