"""Establishing a hub (H2): the three steps as a guided page whose deliverables are fulfilled by the
real things."""
