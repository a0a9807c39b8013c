"""API for agreements, under /api/v1/."""

from ninja import Router

router = Router(tags=["agreements"])
