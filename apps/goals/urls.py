from django.urls import path

from apps.goals import views

app_name = "goals"
urlpatterns = [
    path("", views.goal_list, name="list"),
    path("new/", views.goal_create, name="create"),
    path("tag/", views.tag, name="tag"),
    path("sdg/<int:number>/", views.sdg_goal, name="sdg_goal"),
    path("<slug:code>/", views.goal_detail, name="detail"),
    path("<slug:code>/edit/", views.goal_edit, name="edit"),
    path("<slug:code>/targets/new/", views.local_target_create, name="local_target_create"),
    path("<slug:code>/targets/<str:target_code>/edit/", views.local_target_edit, name="local_target_edit"),
]
