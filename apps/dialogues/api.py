"""API for dialogues, under /api/v1/."""

from ninja import Router

router = Router(tags=["dialogues"])
