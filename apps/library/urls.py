"""Pages of the library, under /<hub>/library/."""

from django.urls import path

from apps.library import views

app_name = "library"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.entry_create, name="create"),
    path("feed/", views.feed, name="feed"),
    path("e/<int:pk>/", views.entry_detail, name="entry"),
    path("e/<int:pk>/edit/", views.entry_edit, name="edit"),
    path("e/<int:pk>/publish/", views.entry_publish, name="publish"),
    path("e/<int:pk>/approve/", views.case_study_approve, name="approve"),
    path("e/<int:pk>/origin/", views.entry_accept_origin, name="accept_origin"),
    path("case-studies/<slug:initiative_slug>/draft/", views.case_study_draft, name="case_study_draft"),
    path("courses/", views.course_list, name="courses"),
    path("courses/<int:pk>/", views.course_detail, name="course"),
    path("courses/<int:pk>/publish/", views.course_publish, name="course_publish"),
    path("courses/<int:pk>/<int:position>/", views.lesson_detail, name="lesson"),
    path("feeds/", views.subscriptions, name="subscriptions"),
    path("feeds/<int:pk>/refresh/", views.subscription_refresh, name="refresh"),
    path("feeds/<int:pk>/remove/", views.subscription_remove, name="unsubscribe"),
]
