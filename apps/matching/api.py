"""API for matching, under /api/v1/."""

from ninja import Router

router = Router(tags=["matching"])
