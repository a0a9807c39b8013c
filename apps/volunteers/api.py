"""API for volunteers, under /api/v1/."""

from ninja import Router

router = Router(tags=["volunteers"])
