"""The API, version 1, at /api/v1/ (OpenAPI document at /api/v1/openapi.json, docs at /api/v1/docs)."""

from apps.agreements.api import router as agreements_router
from apps.consolidation.api import router as consolidation_router
from apps.core.api import AllmenningAPI, install_error_handlers
from apps.dashboards.api import router as dashboards_router
from apps.dialogues.api import router as dialogues_router
from apps.establishment.api import router as establishment_router
from apps.events.api import router as events_router
from apps.followup.api import router as followup_router
from apps.funding.api import router as funding_router
from apps.goals.api import router as goals_router
from apps.governance.api import router as governance_router
from apps.hubs.api import router as hubs_router
from apps.initiatives.api import router as initiatives_router
from apps.knowledge.api import router as knowledge_router
from apps.library.api import router as library_router
from apps.mapinput.api import router as mapinput_router
from apps.matching.api import router as matching_router
from apps.participation.api import router as participation_router
from apps.partners.api import router as partners_router
from apps.places.api import router as places_router
from apps.privacy.api import router as privacy_router
from apps.processes.api import router as processes_router
from apps.residents.api import router as residents_router
from apps.results.api import router as results_router
from apps.search.api import router as search_router
from apps.surveys.api import router as surveys_router
from apps.transfer.api import router as transfer_router
from apps.visions.api import router as visions_router
from apps.volunteers.api import router as volunteers_router

api = AllmenningAPI(
    title="Allmenning API",
    version="1",
    description="Open data about hubs, their members, partners and working groups.",
    urls_namespace="api",
)
api.add_router("/", hubs_router)
api.add_router("/", places_router)
api.add_router("/", goals_router)
api.add_router("/", knowledge_router)
api.add_router("/", initiatives_router)
api.add_router("/", processes_router)
api.add_router("/", followup_router)
api.add_router("/", participation_router)
api.add_router("/", mapinput_router)
api.add_router("/", surveys_router)
api.add_router("/", visions_router)
api.add_router("/", events_router)
api.add_router("/", partners_router)
api.add_router("/", funding_router)
api.add_router("/", agreements_router)
api.add_router("/", governance_router)
api.add_router("/", results_router)
api.add_router("/", dialogues_router)
api.add_router("/", volunteers_router)
api.add_router("/", matching_router)
api.add_router("/", consolidation_router)
api.add_router("/", library_router)
api.add_router("/", dashboards_router)
api.add_router("/", residents_router)
api.add_router("/", establishment_router)
api.add_router("/", privacy_router)
api.add_router("/", search_router)
api.add_router("/", transfer_router)
install_error_handlers(api)
