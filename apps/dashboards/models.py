"""Goal dashboards: per hub, goal, target and area, what is happening and what it adds up to (H6)."""
