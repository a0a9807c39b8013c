"""Partner pages, under /<hub>/partners/ (the list of the hub's partner organisations itself is
the hubs app's page at the same address)."""

from django.urls import path

from apps.partners import views

app_name = "partners"
urlpatterns = [
    path("hub/", views.hub_partners, name="hub"),
    path("hub/add/", views.partner_add, name="hub_add"),
    path("initiatives/<slug:initiative_slug>/", views.initiative_partners, name="initiative"),
    path("initiatives/<slug:initiative_slug>/add/", views.partner_add, name="initiative_add"),
    path("p/<int:pk>/edit/", views.partner_edit, name="edit"),
    path("p/<int:pk>/commit/", views.commitment_offer, name="offer"),
    path("c/<int:pk>/status/", views.commitment_status, name="status"),
    path("<slug:organisation_slug>/", views.organisation_partner, name="organisation"),
    path("<slug:organisation_slug>/commit/", views.commitment_offer_to_hub, name="offer_to_hub"),
]
