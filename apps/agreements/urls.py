"""Pages of agreements, under /<hub>/agreements/."""

from django.urls import path

from apps.agreements import views

app_name = "agreements"
urlpatterns = [
    path("", views.agreement_list, name="list"),
    path("new/", views.agreement_create, name="create"),
    path("verify/", views.verify, name="verify"),
    path("<int:pk>/", views.agreement_detail, name="detail"),
    path("<int:pk>/edit/", views.agreement_edit, name="edit"),
    path("<int:pk>/open/", views.agreement_open, name="open"),
    path("<int:pk>/versions/new/", views.version_create, name="version_create"),
    path("<int:pk>/versions/<int:number>/", views.version_detail, name="version"),
    path("<int:pk>/sign/", views.sign, name="sign"),
    path("<int:pk>/print/", views.print_view, name="print"),
    path("<int:pk>/agreement.pdf", views.pdf, name="pdf"),
]
