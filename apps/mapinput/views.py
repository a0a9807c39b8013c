"""Map input pages: the map of one space where people place marks, its list of the latest marks,
and the settings page for the people who run the space. Views parse, call, render."""

from typing import Any

from django.conf import settings as django_settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.core import is_ratelimited

from apps.core.documents import inline_image
from apps.core.forms import add_service_errors
from apps.core.maps import map_tiles
from apps.core.pagination import paginate
from apps.core.permissions import is_public, require
from apps.hubs import selectors as hub_selectors
from apps.mapinput import selectors, services
from apps.mapinput.forms import CategoryForm, HideForm, MarkForm, SettingsForm
from apps.mapinput.models import MarkCategory, MarkSettings
from apps.participation.spaces import Space, space_from_key

LIST_PAGE_SIZE = 20


def _space(hub_slug: str, space_key: str) -> tuple[Space, MarkSettings]:
    hub = hub_selectors.hub_get(slug=hub_slug)
    space = space_from_key(hub, space_key)
    return space, selectors.settings_for(space=space)


def _rate_limited(request: HttpRequest) -> bool:
    """Anonymous input is limited per IP address (MAPINPUT_ANON_RATE), signed-in people per
    account (MAPINPUT_USER_RATE, higher). Every rate in the comma-separated list counts."""
    if request.user.is_authenticated:
        key, rates = "user", getattr(django_settings, "MAPINPUT_USER_RATE", "30/m,1000/d")
    else:
        key, rates = "ip", getattr(django_settings, "MAPINPUT_ANON_RATE", "10/m,100/d")
    limited = False
    for rate in (r.strip() for r in rates.split(",") if r.strip()):
        if is_ratelimited(request, group=f"mapinput:{key}:{rate}", key=key, rate=rate, increment=True):
            limited = True
    return limited


def _url(space: Space, name: str = "map", **kwargs: Any) -> str:
    return reverse(
        f"hubs:mapinput:{name}", kwargs={"hub_slug": space.hub.slug, "space_key": space.key, **kwargs}
    )


def _js_strings() -> dict[str, str]:
    return {
        "mark": _("mark"),
        "marks": _("marks"),
        "clickPoint": _("Click the map where your mark should be."),
        "clickLine": _("Click the map to add points along the line, then press “Finish the shape”."),
        "clickArea": _("Click the map to add the corners of the area, then press “Finish the shape”."),
        "done": _("Your shape is ready. Write a comment and place your mark."),
        "outside": _("That is outside the area this map is about."),
        "inView": _("%(count)s marks in view"),
        "clusterLabel": _("%(count)s marks here; zoom in"),
        "photo": _("Photo with the mark"),
        "failed": _("The marks could not be loaded."),
    }


@require_http_methods(["GET", "POST"])
def mark_map(request: HttpRequest, hub_slug: str, space_key: str) -> HttpResponse:
    space, mark_settings = _space(hub_slug, space_key)
    categories = selectors.category_counts(settings=mark_settings) if mark_settings.pk else []
    can_manage = request.user.has_perm("mapinput.change_settings", mark_settings)
    can_post = bool(categories) and request.user.has_perm("mapinput.add_mark", mark_settings)
    form = MarkForm(
        request.POST or None, request.FILES or None, settings=mark_settings, categories=categories
    )
    status = 200
    if request.method == "POST":
        if _rate_limited(request):
            return render(request, "429.html", {"hub": space.hub}, status=429)
        if form.is_valid():
            try:
                services.mark_create(
                    space=space,
                    actor=request.user,
                    category_id=form.cleaned_data["category"],
                    geometry=form.cleaned_data.get("geometry_json"),
                    comment=form.cleaned_data["comment"],
                    photo=form.cleaned_data.get("photo"),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Thank you! Your mark is on the map."))
                return redirect(_url(space) + "#latest")
        status = 400
    page = paginate(
        request, selectors.latest_marks(settings=mark_settings, include_hidden=can_manage), LIST_PAGE_SIZE
    )
    boundary = mark_settings.effective_boundary(space)
    center = (
        [space.initiative.lon, space.initiative.lat]
        if space.initiative and space.initiative.lon is not None
        else None
    )
    return render(
        request,
        "mapinput/map.html",
        {
            "hub": space.hub,
            "space": space,
            "mark_settings": mark_settings,
            "categories": categories,
            "total": sum(getattr(c, "mark_count", 0) for c in categories),
            "form": form,
            "can_post": can_post,
            "can_manage": can_manage,
            "page": page,
            "hide_form": HideForm(),
            "map_data": {
                "marksUrl": f"/api/v1/hubs/{space.hub.slug}/spaces/{space.key}/marks",
                "boundary": boundary,
                "kinds": mark_settings.allowed_kinds,
                "categories": {str(c.pk): {"name": c.name, "colour": c.colour} for c in categories},
                **map_tiles(),
                "strings": _js_strings(),
                "center": center,
                "extent": selectors.marks_extent(settings=mark_settings)
                if not boundary and not center
                else None,
            },
        },
        status=status,
    )


@require_GET
def mark_photo(request: HttpRequest, hub_slug: str, space_key: str, pk: int) -> HttpResponseBase:
    """A mark's photo, shown inline; a hidden mark's only to those who may hide and show marks
    (404 for everyone else, as a hidden mark is not on the map at all)."""
    _the_space, mark_settings = _space(hub_slug, space_key)
    mark = selectors.mark_get(settings=mark_settings, pk=pk)
    if not mark.photo or not request.user.has_perm("mapinput.view_mark", mark):
        raise Http404(_("No such photo."))
    return inline_image(mark.photo, public=is_public("mapinput.view_mark", mark))


@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request: HttpRequest, hub_slug: str, space_key: str) -> HttpResponse:
    space, mark_settings = _space(hub_slug, space_key)
    require(request.user, "mapinput.change_settings", mark_settings)
    form = SettingsForm(request.POST or None, instance=mark_settings, prefix="s")
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.settings_update(
                    space=space,
                    actor=request.user,
                    **{name: form.cleaned_data[name] for name in SettingsForm.Meta.fields},
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The map's settings are saved."))
                return redirect(_url(space, "settings"))
        status = 400
    return _settings_render(request, space, mark_settings, form, CategoryForm(prefix="c"), status)


def _settings_render(
    request: HttpRequest,
    space: Space,
    mark_settings: MarkSettings,
    form: SettingsForm,
    category_form: CategoryForm,
    status: int,
) -> HttpResponse:
    return render(
        request,
        "mapinput/settings.html",
        {
            "hub": space.hub,
            "space": space,
            "mark_settings": mark_settings,
            "form": form,
            "category_form": category_form,
            "categories": selectors.category_counts(settings=mark_settings) if mark_settings.pk else [],
        },
        status=status,
    )


@login_required
@require_POST
def category_add(request: HttpRequest, hub_slug: str, space_key: str) -> HttpResponse:
    space, mark_settings = _space(hub_slug, space_key)
    require(request.user, "mapinput.change_settings", mark_settings)
    category_form = CategoryForm(request.POST, prefix="c")
    if category_form.is_valid():
        try:
            services.category_add(
                space=space,
                actor=request.user,
                name=category_form.cleaned_data["name"],
                colour=category_form.cleaned_data["colour"],
            )
        except ValidationError as exc:
            add_service_errors(category_form, exc)
        else:
            messages.success(request, _("The category is added."))
            return redirect(_url(space, "settings"))
    form = SettingsForm(instance=mark_settings, prefix="s")
    return _settings_render(request, space, mark_settings, form, category_form, 400)


@login_required
@require_POST
def category_delete(request: HttpRequest, hub_slug: str, space_key: str, pk: int) -> HttpResponse:
    space, mark_settings = _space(hub_slug, space_key)
    require(request.user, "mapinput.change_settings", mark_settings)
    category = get_object_or_404(MarkCategory, settings_id=mark_settings.pk, pk=pk)
    category.settings = mark_settings
    try:
        services.category_delete(category=category, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The category is removed."))
    return redirect(_url(space, "settings"))


@login_required
@require_POST
def mark_hide(request: HttpRequest, hub_slug: str, space_key: str, pk: int) -> HttpResponse:
    space, mark_settings = _space(hub_slug, space_key)
    require(request.user, "mapinput.hide_mark", mark_settings)
    mark = selectors.mark_get(settings=mark_settings, pk=pk)
    mark.settings = mark_settings
    form = HideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the mark is hidden."))
        return redirect(_url(space) + f"#mark-{mark.pk}")
    try:
        services.mark_hide(mark=mark, actor=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The mark is hidden."))
    return redirect(_url(space) + f"#mark-{mark.pk}")


@login_required
@require_POST
def mark_show(request: HttpRequest, hub_slug: str, space_key: str, pk: int) -> HttpResponse:
    space, mark_settings = _space(hub_slug, space_key)
    require(request.user, "mapinput.hide_mark", mark_settings)
    mark = selectors.mark_get(settings=mark_settings, pk=pk)
    mark.settings = mark_settings
    services.mark_show(mark=mark, actor=request.user)
    messages.success(request, _("The mark is shown again."))
    return redirect(_url(space) + f"#mark-{mark.pk}")
