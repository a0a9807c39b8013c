"""Pages of results, under /<hub>/results/."""

from django.urls import path

from apps.results import views

app_name = "results"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("r/<int:pk>/", views.result_detail, name="result"),
    path("r/<int:pk>/edit/", views.result_edit, name="result_edit"),
    path("r/<int:pk>/status/", views.result_status, name="result_status"),
    path("r/<int:pk>/delete/", views.result_delete, name="result_delete"),
    path("p/<int:pk>/", views.report_detail, name="report"),
    path("p/<int:pk>/edit/", views.report_edit, name="report_edit"),
    path("p/<int:pk>/publish/", views.report_publish, name="report_publish"),
    path("p/<int:pk>/delete/", views.report_delete, name="report_delete"),
    path("p/<int:pk>/evidence/", views.evidence_create, name="evidence_create"),
    path("p/<int:pk>/evidence/<int:doc>/", views.evidence_download, name="evidence"),
    path("p/<int:pk>/evidence/<int:doc>/delete/", views.evidence_delete, name="evidence_delete"),
    path("p/<int:pk>/photos/", views.photo_create, name="photo_create"),
    path("p/<int:pk>/photos/<int:photo>/", views.photo_file, name="photo"),
    path("p/<int:pk>/photos/<int:photo>/delete/", views.photo_delete, name="photo_delete"),
    path("<str:space_key>/", views.space_results, name="space"),
    path("<str:space_key>/new/", views.result_create, name="result_create"),
    path("<str:space_key>/reports/new/", views.report_create, name="report_create"),
]
