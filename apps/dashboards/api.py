"""API for dashboards, under /api/v1/."""

from ninja import Router

router = Router(tags=["dashboards"])
