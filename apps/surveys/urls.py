"""Surveys and concept votes, under /<hub>/surveys/ (namespace hubs:surveys). A space in a URL
is its key: ``hub``, ``i-<initiative>`` or ``a-<area code>``."""

from django.urls import path

from apps.surveys import paper, views

app_name = "surveys"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.survey_detail, name="survey"),
    path("<int:pk>/edit/", views.survey_edit, name="survey_edit"),
    path("<int:pk>/status/", views.survey_status, name="survey_status"),
    path("<int:pk>/questions/<int:question_id>/", views.question_edit, name="question_edit"),
    path("<int:pk>/questions/<int:question_id>/delete/", views.question_delete, name="question_delete"),
    path("<int:pk>/results/", views.survey_results, name="results"),
    path("<int:pk>/results.csv", views.survey_export, name="export"),
    path("<int:pk>/paper/", paper.batches, name="paper"),
    path("<int:pk>/paper/print/", paper.print_sheets, name="paper_print"),
    path("<int:pk>/paper/<int:batch_id>/", paper.enter, name="paper_enter"),
    path("votes/<int:pk>/paper/", paper.batches, {"is_vote": True}, name="vote_paper"),
    path("votes/<int:pk>/paper/print/", paper.print_sheets, {"is_vote": True}, name="vote_paper_print"),
    path("votes/<int:pk>/paper/<int:batch_id>/", paper.enter, {"is_vote": True}, name="vote_paper_enter"),
    path("votes/<int:pk>/", views.vote_detail, name="vote"),
    path("votes/<int:pk>/edit/", views.vote_edit, name="vote_edit"),
    path("votes/<int:pk>/status/", views.vote_status, name="vote_status"),
    path("votes/<int:pk>/concepts/<int:concept_id>/image/", views.concept_image, name="concept_image"),
    path("votes/<int:pk>/concepts/<int:concept_id>/delete/", views.concept_delete, name="concept_delete"),
    path("votes/<int:pk>/results/", views.vote_results, name="vote_results"),
    path("votes/<int:pk>/join/", views.vote_join, name="vote_join"),
    path("votes/new/<str:space_key>/", views.vote_create, name="vote_create"),
    path("new/<str:space_key>/", views.survey_create, name="survey_create"),
]
