from django.urls import path

from apps.visions import views

app_name = "visions"
urlpatterns = [
    path("", views.vision_list, name="list"),
    path("v/<int:pk>/", views.vision_detail, name="detail"),
    path("v/<int:pk>/edit/", views.vision_edit, name="edit"),
    path("v/<int:pk>/co-authors/", views.coauthors, name="coauthors"),
    path("v/<int:pk>/versions/new/", views.version_create, name="version_create"),
    path("v/<int:pk>/versions/<int:number>/", views.version_detail, name="version"),
    path("v/<int:pk>/versions/<int:number>/comment/", views.comment, name="comment"),
    path("v/<int:pk>/versions/<int:number>/endorse/", views.endorse, name="endorse"),
    path("<str:space_key>/", views.space_list, name="space"),
    path("<str:space_key>/new/", views.vision_create, name="create"),
]
