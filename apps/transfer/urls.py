from django.urls import path

from apps.transfer import views

app_name = "transfer"
urlpatterns = [
    path("", views.index, name="index"),
    path("export/", views.export_start, name="export"),
    path("import/", views.import_start, name="import"),
    path("<int:pk>/", views.job, name="job"),
    path("<int:pk>/download/", views.download, name="download"),
]
