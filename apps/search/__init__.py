"""One search across initiatives, ideas, areas, goals, events, members and library entries (X6)."""
