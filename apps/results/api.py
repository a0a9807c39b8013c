"""API for results, under /api/v1/."""

from ninja import Router

router = Router(tags=["results"])
