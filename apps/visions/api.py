"""API for visions, under /api/v1/."""

from ninja import Router

router = Router(tags=["visions"])
