"""API for followup, under /api/v1/."""

from ninja import Router

router = Router(tags=["followup"])
