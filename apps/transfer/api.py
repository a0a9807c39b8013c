"""API of transfer, under /api/v1/."""

from ninja import Router

router = Router(tags=["transfer"])
