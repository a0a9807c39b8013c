"""Budgets and financing plans, funding campaigns with pledges and matched funds, grant
applications (V4, V5)."""
