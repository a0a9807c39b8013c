from django.urls import path

from apps.residents import views

app_name = "residents"
urlpatterns = [
    path("", views.my_groups, name="me"),
    path("settings/", views.group_settings, name="settings"),
    path("questions/<int:pk>/retire/", views.question_retire, name="question_retire"),
]
