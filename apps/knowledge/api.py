"""API for knowledge, under /api/v1/."""

from ninja import Router

router = Router(tags=["knowledge"])
