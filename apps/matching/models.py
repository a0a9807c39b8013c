"""Matchmaking: explainable suggestions of people, partners and initiatives; brokered introductions (M2)."""
