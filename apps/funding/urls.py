"""Pages of funding, under /<hub>/funding/: an initiative's budget, campaign and grants."""

from django.urls import path

from apps.funding import views

app_name = "funding"
urlpatterns = [
    # The hub's own financing plan (the partnership's budget, e.g. for its cooperation agreement).
    path("hub/budget/", views.budget, name="hub_budget"),
    path("hub/budget.csv", views.budget_csv, name="hub_budget_csv"),
    path("hub/budget/lines/", views.line_add, name="hub_line_add"),
    path("hub/budget/lines/<int:pk>/", views.line_edit, name="hub_line"),
    path("hub/budget/sources/", views.source_add, name="hub_source_add"),
    path("hub/budget/sources/<int:pk>/", views.source_edit, name="hub_source"),
    path("i/<slug:initiative_slug>/budget/", views.budget, name="budget"),
    path("i/<slug:initiative_slug>/budget.csv", views.budget_csv, name="budget_csv"),
    path("i/<slug:initiative_slug>/budget/lines/", views.line_add, name="line_add"),
    path("i/<slug:initiative_slug>/budget/lines/<int:pk>/", views.line_edit, name="line"),
    path("i/<slug:initiative_slug>/budget/sources/", views.source_add, name="source_add"),
    path("i/<slug:initiative_slug>/budget/sources/<int:pk>/", views.source_edit, name="source"),
    path("i/<slug:initiative_slug>/campaign/", views.campaign, name="campaign"),
    path("i/<slug:initiative_slug>/campaign/edit/", views.campaign_edit, name="campaign_edit"),
    path("i/<slug:initiative_slug>/campaign/open/", views.campaign_open, name="campaign_open"),
    path("i/<slug:initiative_slug>/campaign/close/", views.campaign_close, name="campaign_close"),
    path("i/<slug:initiative_slug>/campaign/pledge/", views.pledge, name="pledge"),
    path("i/<slug:initiative_slug>/campaign/match/", views.match_add, name="match_add"),
    path("i/<slug:initiative_slug>/campaign/match/<int:pk>/remove/", views.match_remove, name="match_remove"),
    path("i/<slug:initiative_slug>/campaign/pledges/", views.pledges, name="pledges"),
    path("i/<slug:initiative_slug>/campaign/pledges/<int:pk>/", views.pledge_decide, name="pledge_decide"),
    path("i/<slug:initiative_slug>/grants/", views.grants, name="grants"),
    path("i/<slug:initiative_slug>/grants/<int:pk>/", views.grant_edit, name="grant"),
    path(
        "i/<slug:initiative_slug>/grants/<int:pk>/documents/",
        views.grant_document_add,
        name="grant_document_add",
    ),
    path(
        "i/<slug:initiative_slug>/grants/<int:pk>/documents/<int:doc>/",
        views.grant_document_download,
        name="grant_document",
    ),
    path(
        "i/<slug:initiative_slug>/grants/<int:pk>/documents/<int:doc>/delete/",
        views.grant_document_delete,
        name="grant_document_delete",
    ),
]
