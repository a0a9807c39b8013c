"""Each hub's content version, and cached parts of its pages kept under it.

`Hub.content_version` gets a new number in the same transaction as any write that changes what a
page of the hub shows, so a cached part stored under the old number is never read again, in any
process and with any cache backend (Redis in production, local memory on one machine). Nothing is
deleted from the cache: old keys simply expire.

Who raises it: the signal receivers below, for every row saved or deleted (and every many-to-many
change) of a model of ours that belongs to a hub — through its own `hub`, through a foreign key to
a row that has one (an idea's support, an initiative's follower), or, for a person's account and
profile, every hub they are a member of. Writes that bypass signals (`QuerySet.update`,
`bulk_create`) call `hub_changed()` themselves where a page shows what they change; and any
successful write request to a hub's pages or API raises it too (`HubWriteMiddleware`), so a
page never waits for the cache's timeout to show a change.

Reads: `hub_cached(hub, "kind", *parts, compute=…)` keys a value by hub, version, the
language of the request and the parts (filters, page, audience); callers put the audience
(anonymous, member, steward, one person) in the parts wherever what is shown depends on it.
"""

import hashlib
import secrets
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.apps import apps as django_apps
from django.conf import settings
from django.core.cache import caches
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from apps.hubs.models import Hub, Membership

T = TypeVar("T")

TIMEOUT = 15 * 60  # seconds; correctness comes from the version, this only frees memory
# Apps whose rows no hub page shows (or that are derived from other rows), and Django's own.
IGNORED_APPS = {"audit", "notifications", "core", "search", "sessions", "contenttypes", "admin", "auth"}


def hub_changed(hub_ids: Iterable[int]) -> None:
    """Give these hubs a new content version (in the caller's transaction).

    A fresh random number rather than +1: a `Hub.save()` from an object read earlier writes its
    old number back, and counting on from there would reuse a number already cached."""
    ids = sorted({pk for pk in hub_ids if pk})
    if ids:
        Hub.objects.filter(pk__in=ids).update(content_version=secrets.randbits(62))


def current_version(hub: Hub) -> int:
    """The hub's version as read with it (one query for the whole request: the hub's own)."""
    return int(hub.content_version)


def hub_cached(hub: Hub, kind: str, *parts: Any, compute: Callable[[], T], timeout: int = TIMEOUT) -> T:
    """`compute()`'s value for this hub, kind and parts, from the cache while the hub is unchanged."""
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:24]
    key = f"hubpage:{kind}:{hub.pk}:{current_version(hub)}:{get_language() or ''}:{digest}"
    cache = caches["pages"]
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value  # type: ignore[no-any-return]


def audience(hub: Hub, user: Any) -> str:
    """Who is looking, as far as cached hub parts may differ: anonymous, a signed-in person
    (by id, when a part shows their own things) — callers pick the coarsest that is still right."""
    if not getattr(user, "is_authenticated", False):
        return "anonymous"
    return f"user:{user.pk}"


def _user_hubs(user_id: int | None) -> list[int]:
    if not user_id:
        return []
    return list(Membership.objects.filter(user_id=user_id).values_list("hub_id", flat=True))


def _hubs_of(instance: models.Model) -> list[int]:
    """The hubs a saved or deleted row shows up in (none for rows of no hub)."""
    if isinstance(instance, Hub):
        return [instance.pk]
    hub_id = getattr(instance, "hub_id", None)
    if isinstance(hub_id, int):
        return [hub_id]
    meta = instance._meta
    if meta.label == settings.AUTH_USER_MODEL:
        return _user_hubs(instance.pk)
    user_id = getattr(instance, "user_id", None)
    if meta.app_label == "accounts" and isinstance(user_id, int):
        return _user_hubs(user_id)  # a profile, a person's competences
    for field in meta.concrete_fields:
        if not field.many_to_one and not field.one_to_one:
            continue
        related = field.related_model
        if related is None or related is Hub or not _has_hub(related):
            continue
        if field.is_cached(instance):  # type: ignore[attr-defined]
            target = field.get_cached_value(instance)  # type: ignore[attr-defined]
            return [target.hub_id] if target is not None and target.hub_id else []
        value = getattr(instance, field.attname)
        if value is None:
            continue
        found = related._base_manager.filter(pk=value).values_list("hub_id", flat=True).first()
        return [found] if found else []
    return []


_HAS_HUB: dict[type, bool] = {}


def _has_hub(model: Any) -> bool:
    if model not in _HAS_HUB:
        try:
            field = model._meta.get_field("hub")
        except Exception:  # noqa: BLE001 - FieldDoesNotExist: no hub of its own
            _HAS_HUB[model] = False
        else:
            _HAS_HUB[model] = bool(field.many_to_one and field.related_model is Hub)
    return _HAS_HUB[model]


def _ours(sender: Any) -> bool:
    meta = getattr(sender, "_meta", None)
    if meta is None or meta.app_label in IGNORED_APPS:
        return meta is not None and meta.label == settings.AUTH_USER_MODEL
    return sender.__module__.startswith("apps.")


def _on_save(sender: Any, instance: models.Model, raw: bool = False, **kwargs: Any) -> None:
    if raw or not _ours(sender):
        return
    update_fields = kwargs.get("update_fields")
    if isinstance(instance, Hub) and update_fields is not None and set(update_fields) <= {"content_version"}:
        return
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return  # signing in changes nothing a page shows
    hub_changed(_hubs_of(instance))


def _on_delete(sender: Any, instance: models.Model, **kwargs: Any) -> None:
    if isinstance(instance, Hub) or not _ours(sender):
        return
    hub_changed(_hubs_of(instance))


def _on_m2m(sender: Any, instance: models.Model, action: str, **kwargs: Any) -> None:
    if action in ("post_add", "post_remove", "post_clear") and _ours(type(instance)):
        hub_changed(_hubs_of(instance))


def _shown_in_a_hub(model: Any) -> bool:
    """Whether rows of `model` can change a hub's pages (so it gets the receivers)."""
    if not _ours(model):
        return False
    meta = model._meta
    if model is Hub or _has_hub(model) or meta.label == settings.AUTH_USER_MODEL:
        return True
    if meta.app_label == "accounts" and any(f.name == "user" for f in meta.concrete_fields):
        return True
    return any(
        (f.many_to_one or f.one_to_one) and f.related_model is not None and _has_hub(f.related_model)
        for f in meta.concrete_fields
    )


def connect() -> None:
    """Connect the receivers to each model whose rows a hub shows: only those, so that deleting
    rows of any other model keeps Django's fast path (no signals, no loading of each row)."""
    for model in django_apps.get_models():
        if _shown_in_a_hub(model):
            uid = model._meta.label_lower
            post_save.connect(_on_save, sender=model, dispatch_uid=f"hubs_versions_save:{uid}")
            post_delete.connect(_on_delete, sender=model, dispatch_uid=f"hubs_versions_delete:{uid}")
            for m2m in model._meta.local_many_to_many:
                through = m2m.remote_field.through
                m2m_changed.connect(
                    _on_m2m, sender=through, dispatch_uid=f"hubs_versions_m2m:{uid}:{m2m.name}"
                )


WRITES = {"POST", "PUT", "PATCH", "DELETE"}


class HubWriteMiddleware:
    """After a successful write request under /<hub>/… or /api/v1/hubs/<hub>/…, raise that hub's
    version: a safety net for writes that bypass model signals (`QuerySet.update`)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.method in WRITES and response.status_code < 400:
            slug = _hub_slug(request.path)
            if slug:
                Hub.objects.filter(slug=slug).update(content_version=secrets.randbits(62))
        return response


def _hub_slug(path: str) -> str:
    parts = [p for p in path.split("/") if p]
    if len(parts) >= 4 and parts[0] == "api" and parts[2] == "hubs":
        return parts[3]
    if parts and parts[0] not in {"api", "accounts", "admin", "static", "media", "i18n", "me"}:
        return parts[0]
    return ""
