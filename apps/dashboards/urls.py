"""Pages of dashboards, under /<hub>/dashboards/."""

from django.urls import path

from apps.dashboards import views

app_name = "dashboards"
urlpatterns = [
    path("", views.hub_dashboard, name="hub"),
    path("csv/", views.hub_csv, name="hub_csv"),
    path("goals/<slug:code>/", views.goal_dashboard, name="goal"),
    path("goals/<slug:code>/csv/", views.goal_csv, name="goal_csv"),
    path("goals/<slug:code>/targets/<str:target_code>/", views.target_dashboard, name="target"),
    path("goals/<slug:code>/targets/<str:target_code>/csv/", views.target_csv, name="target_csv"),
    path("areas/<str:area_code>/", views.area_dashboard, name="area"),
    path("areas/<str:area_code>/csv/", views.area_csv, name="area_csv"),
]
