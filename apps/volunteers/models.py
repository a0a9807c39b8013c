"""Volunteer roles and shifts for realisation days, sign-ups with a waiting list, hours logged (M1)."""
