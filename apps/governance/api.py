"""API for governance, under /api/v1/."""

from ninja import Router

router = Router(tags=["governance"])
