"""API for initiatives, under /api/v1/."""

from ninja import Router

router = Router(tags=["initiatives"])
