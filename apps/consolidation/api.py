"""API for consolidation, under /api/v1/."""

from ninja import Router

router = Router(tags=["consolidation"])
