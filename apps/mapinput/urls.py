"""Map input pages, under /<hub>/marks/<space key>/ (space keys: `hub`, `i-<initiative>`, `a-<area>`)."""

from django.urls import path

from apps.mapinput import views

app_name = "mapinput"
urlpatterns = [
    path("<str:space_key>/", views.mark_map, name="map"),
    path("<str:space_key>/settings/", views.settings_page, name="settings"),
    path("<str:space_key>/settings/categories/", views.category_add, name="category_add"),
    path(
        "<str:space_key>/settings/categories/<int:pk>/delete/", views.category_delete, name="category_delete"
    ),
    path("<str:space_key>/<int:pk>/photo/", views.mark_photo, name="photo"),
    path("<str:space_key>/<int:pk>/hide/", views.mark_hide, name="hide"),
    path("<str:space_key>/<int:pk>/show/", views.mark_show, name="show"),
]
