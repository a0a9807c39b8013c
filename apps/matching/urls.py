"""Pages of matching, under /<hub>/matching/."""

from django.urls import path

from apps.matching import views

app_name = "matching"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("introductions/", views.introductions, name="introductions"),
    path("introductions/<int:pk>/answer/", views.introduction_answer, name="answer"),
    path("initiatives/<slug:initiative_slug>/", views.needs, name="needs"),
    path("initiatives/<slug:initiative_slug>/needs/add/", views.need_add, name="need_add"),
    path("initiatives/<slug:initiative_slug>/needs/<int:pk>/remove/", views.need_remove, name="need_remove"),
    path("initiatives/<slug:initiative_slug>/introduce/", views.introduce, name="introduce"),
]
