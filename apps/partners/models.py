"""Partners of a hub or an initiative and what they commit: money, in-kind, competence, hours (V1)."""
