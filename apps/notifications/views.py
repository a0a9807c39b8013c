"""Notification pages: the list, opening one, marking all read, e-mail settings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from apps.core.forms import add_service_errors
from apps.core.pagination import paginate
from apps.notifications import selectors, services
from apps.notifications.forms import PreferenceForm


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors.notifications_for(user=request.user), per_page=25)
    return render(request, "notifications/list.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Go to what a notification is about; a POST (the list's button) also marks it read, a GET
    (an old link, a prefetching browser) changes nothing. Only its recipient gets here."""
    notification = selectors.notification_get_for(user=request.user, pk=pk)
    if request.method == "POST":
        services.notification_open(notification=notification, actor=request.user)
    return redirect(services.safe_local_url(notification.url) or "notifications:list")


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    count = services.notification_mark_all_read(user=request.user)
    if count:
        messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:list")


@login_required
@require_http_methods(["GET", "POST"])
def notification_settings(request: HttpRequest) -> HttpResponse:
    form = PreferenceForm(
        request.POST or None, initial={"email": selectors.preference_for(user=request.user)}
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.preference_set(user=request.user, email=form.cleaned_data["email"])
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Your notification settings were saved."))
                return redirect("notifications:settings")
        status = 400
    return render(request, "notifications/settings.html", {"form": form}, status=status)
