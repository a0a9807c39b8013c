"""Pages of governance, under /<hub>/governance/."""

from django.urls import path

from apps.governance import views

app_name = "governance"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("manage/", views.manage, name="manage"),
    path("decisions/", views.decision_log, name="decisions"),
    path("receipts/", views.receipt_check, name="receipt"),
    path("meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/advance/", views.meeting_advance, name="meeting_advance"),
    path("meetings/<int:pk>/motions/new/", views.motion_create, name="motion_create"),
    path("meetings/<int:pk>/ballots/new/", views.ballot_create, name="ballot_create"),
    path("motions/<int:pk>/withdraw/", views.motion_withdraw, name="motion_withdraw"),
    path("ballots/<int:pk>/", views.ballot_detail, name="ballot"),
    path("ballots/<int:pk>/vote/", views.vote, name="vote"),
    path("ballots/<int:pk>/open/", views.ballot_open, name="ballot_open"),
    path("ballots/<int:pk>/close/", views.ballot_close, name="ballot_close"),
    path("ballots/<int:pk>/draw/", views.ballot_draw, name="ballot_draw"),
]
