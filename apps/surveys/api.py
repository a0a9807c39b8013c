"""API for surveys, under /api/v1/."""

from ninja import Router

router = Router(tags=["surveys"])
