"""API for goals, under /api/v1/."""

from ninja import Router

router = Router(tags=["goals"])
