"""API for places, under /api/v1/."""

from ninja import Router

router = Router(tags=["places"])
