from django.urls import path

from apps.accounts import views

app_name = "accounts"
urlpatterns = [
    path("me/", views.me, name="me"),
    path("me/profile/", views.profile_edit, name="profile_edit"),
    path("me/api-tokens/", views.api_tokens, name="api_tokens"),
    path("me/api-tokens/<int:pk>/revoke/", views.api_token_revoke, name="api_token_revoke"),
    path("competences/", views.competence_list, name="competences"),
    path("competences/new/", views.competence_edit, name="competence_new"),
    path("competences/<int:pk>/", views.competence_edit, name="competence_edit"),
    path("competences/<int:pk>/delete/", views.competence_delete, name="competence_delete"),
]
