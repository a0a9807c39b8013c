from django.urls import path
from django.views.generic import RedirectView

from apps.participation import views

app_name = "participation"
urlpatterns = [
    path("", views.idea_list, name="hub_ideas"),
    path("moderation/", views.moderation_queue, name="moderation"),
    # The audit log moved to the hub's management pages; old links still arrive.
    path("moderation/log/", RedirectView.as_view(pattern_name="hubs:audit_log", permanent=True)),
    path("moderation/reports/<int:pk>/", views.report_decide, name="report_decide"),
    path("<str:space_key>/", views.idea_list, name="ideas"),
    path("<str:space_key>/summary/", views.summary, name="summary"),
    path("<str:space_key>/<int:pk>/", views.idea_detail, name="idea"),
    path("<str:space_key>/<int:pk>/comment/", views.comment_create, name="comment"),
    path("<str:space_key>/<int:pk>/support/", views.support, name="support"),
    path("<str:space_key>/<int:pk>/report/", views.report, name="report"),
    path("<str:space_key>/<int:pk>/moderate/", views.moderate, name="moderate"),
]
