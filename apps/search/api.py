"""API of search, under /api/v1/."""

from ninja import Router

router = Router(tags=["search"])
