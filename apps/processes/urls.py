from django.urls import path

from apps.processes import views

app_name = "processes"
urlpatterns = [
    path("", views.template_list, name="templates"),
    path("templates/<int:pk>/", views.template_detail, name="template"),
    path("templates/<int:pk>/copy/", views.template_copy, name="template_copy"),
    path("templates/<int:pk>/edit/", views.template_update, name="template_update"),
    path("templates/<int:pk>/phases/new/", views.phase_template_save, name="phase_template_add"),
    path("templates/<int:pk>/phases/<int:phase_pk>/", views.phase_template_save, name="phase_template_edit"),
    path(
        "templates/<int:pk>/phases/<int:phase_pk>/activities/new/",
        views.activity_template_add,
        name="activity_template_add",
    ),
    path(
        "templates/<int:pk>/phases/<int:phase_pk>/deliverables/new/",
        views.deliverable_template_add,
        name="deliverable_template_add",
    ),
    path(
        "templates/<int:pk>/<str:kind>/<int:item_pk>/",
        views.template_item_action,
        name="template_item",
    ),
    path("runs/start/", views.run_start, name="run_start"),
    path("runs/<int:pk>/", views.run_detail, name="run"),
    path(
        "runs/<int:pk>/deliverables/<int:deliverable_pk>/",
        views.deliverable_complete,
        name="deliverable_complete",
    ),
    path(
        "runs/<int:pk>/deliverables/<int:deliverable_pk>/file/",
        views.deliverable_file,
        name="deliverable_file",
    ),
    path("runs/<int:pk>/phases/<int:phase_pk>/close/", views.phase_close, name="phase_close"),
    path("runs/<int:pk>/phases/<int:phase_pk>/reopen/", views.phase_reopen, name="phase_reopen"),
    path("runs/<int:pk>/phases/<int:phase_pk>/dates/", views.phase_dates, name="phase_dates"),
    path("establishment/", views.establishment, name="establishment"),
]
