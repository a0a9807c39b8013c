"""The API, version 1, at /api/v1/ (OpenAPI document at /api/v1/openapi.json, docs at /api/v1/docs)."""

from ninja import NinjaAPI

from apps.hubs.api import router as hubs_router

api = NinjaAPI(
    title="Allmenning API",
    version="1",
    description="Open data about hubs, their members, partners and working groups.",
    urls_namespace="api",
)
api.add_router("/", hubs_router)
