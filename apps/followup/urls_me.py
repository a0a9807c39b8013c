"""/me/tasks/: a person's tasks in every hub."""

from django.urls import path

from apps.followup import views

app_name = "my_tasks"
urlpatterns = [path("", views.my_tasks, name="list")]
