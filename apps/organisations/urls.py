from django.urls import path

from apps.organisations import views

app_name = "organisations"
urlpatterns = [
    path("new/", views.organisation_create, name="create"),
    path("<slug:slug>/", views.organisation_detail, name="detail"),
    path("<slug:slug>/edit/", views.organisation_edit, name="edit"),
    path("<slug:slug>/representatives/", views.representative_add, name="representative_add"),
    path(
        "<slug:slug>/representatives/join/<str:token>/",
        views.representative_join,
        name="representative_join",
    ),
    path(
        "<slug:slug>/representatives/<int:user_id>/remove/",
        views.representative_remove,
        name="representative_remove",
    ),
]
