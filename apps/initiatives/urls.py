from django.urls import path

from apps.initiatives import views

app_name = "initiatives"
urlpatterns = [
    path("", views.initiative_list, name="list"),
    path("map/", views.initiative_map, name="map"),
    path("new/", views.initiative_create, name="create"),
    path("<slug:slug>/", views.initiative_detail, name="detail"),
    path("<slug:slug>/edit/", views.initiative_edit, name="edit"),
    path("<slug:slug>/brief/", views.initiative_brief, name="brief"),
    path("<slug:slug>/team/", views.team, name="team"),
    path("<slug:slug>/team/<int:pk>/", views.team_member, name="team_member"),
    path("<slug:slug>/team/join/<str:token>/", views.team_join, name="team_join"),
    path("<slug:slug>/updates/new/", views.update_create, name="update_create"),
    path("<slug:slug>/images/new/", views.image_create, name="image_create"),
    path("<slug:slug>/images/<int:pk>/", views.image_file, name="image"),
    path("<slug:slug>/images/<int:pk>/delete/", views.image_delete, name="image_delete"),
    path("<slug:slug>/follow/", views.follow, name="follow"),
    path("<slug:slug>/permits/", views.permits, name="permits"),
    path("<slug:slug>/permits/<int:pk>/", views.permit_edit, name="permit_edit"),
    path(
        "<slug:slug>/permits/<int:pk>/documents/", views.permit_document_create, name="permit_document_create"
    ),
    path(
        "<slug:slug>/permits/<int:pk>/documents/<int:doc>/",
        views.permit_document_download,
        name="permit_document_download",
    ),
    path(
        "<slug:slug>/permits/<int:pk>/documents/<int:doc>/delete/",
        views.permit_document_delete,
        name="permit_document_delete",
    ),
]
