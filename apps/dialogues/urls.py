"""Pages of dialogues, under /<hub>/dialogues/."""

from django.urls import path

from apps.dialogues import views

app_name = "dialogues"
urlpatterns = [
    path("", views.dialogue_list, name="list"),
    path("new/", views.dialogue_create, name="create"),
    path("<int:pk>/", views.dialogue_detail, name="detail"),
    path("<int:pk>/edit/", views.dialogue_edit, name="edit"),
    path("<int:pk>/participants/", views.participants, name="participants"),
    path("<int:pk>/values/", views.values, name="values"),
    path("<int:pk>/values/<int:value_pk>/remove/", views.value_remove, name="value_remove"),
    path("<int:pk>/meetings/", views.meeting_add, name="meeting_add"),
    path("<int:pk>/next-steps/", views.next_steps, name="next_steps"),
    path("<int:pk>/publication/", views.publication, name="publication"),
]
