"""API for library, under /api/v1/."""

from ninja import Router

router = Router(tags=["library"])
