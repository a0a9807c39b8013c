"""API for mapinput, under /api/v1/."""

from ninja import Router

router = Router(tags=["mapinput"])
