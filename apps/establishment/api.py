"""API of establishment, under /api/v1/."""

from ninja import Router

router = Router(tags=["establishment"])
