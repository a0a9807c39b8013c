"""API of residents, under /api/v1/."""

from ninja import Router

router = Router(tags=["residents"])
