"""Resident groups (C6): optional demographic questions per hub, asked once per person, and input
broken down by group."""
