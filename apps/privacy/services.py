"""Writes of privacy (X4): a person's data archive, deleting an account, retention of anonymous
input metadata and its purge.

- `archive_write(user, fileobj)` writes the zip (`data.json` + the files they uploaded);
  `archive_request` builds it at once for a small account, or queues a background build for a
  big one (more rows than settings.PRIVACY_ARCHIVE_INLINE_MAX_ROWS) that notifies its owner.
- `account_delete` scrubs the person in one transaction: their contributions stay (with their
  counts) and show "former participant".
- `retention_set` and `purge_anonymous_metadata`: each hub's retention, and the purge that
  calls every function in PURGES (today: the surveys' per-device markers).
"""

import json
import secrets
import zipfile
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import PurePosixPath
from typing import IO, Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.audit.services import audit_record, audit_redact_name
from apps.hubs.models import ApplicationStatus, Hub, Membership
from apps.hubs.rules import forget_memberships
from apps.hubs.selectors import hub_leads
from apps.initiatives.rules import forget_team
from apps.notifications.services import notify
from apps.privacy.coverage import EXPORTED, OWN_FILE_FIELDS, REDACTED_FIELDS
from apps.privacy.models import DEFAULT_RETENTION_DAYS, DataArchive, RetentionSetting
from apps.surveys import services as surveys_services

ARCHIVE_VERSION = 1
REBUILD_AFTER = timedelta(hours=1)


def _inline_max_rows() -> int:
    return int(settings.PRIVACY_ARCHIVE_INLINE_MAX_ROWS)


def _archive_days() -> int:
    return int(settings.PRIVACY_ARCHIVE_DAYS)


# The archive --------------------------------------------------------------------------------


def _field(key: str) -> tuple[type[models.Model], str]:
    app_label, model_name, field_name = key.split(".")
    return apps.get_model(app_label, model_name), field_name


def _rows(user: Any, key: str) -> models.QuerySet:  # type: ignore[type-arg]
    model, field_name = _field(key)
    return model._default_manager.filter(**{field_name: user.pk}).order_by("pk")


def archive_row_count(user: Any) -> int:
    """How many rows an archive of `user` holds (one count per covered field)."""
    return sum(_rows(user, key).count() for key in EXPORTED)


def _value(field: models.Field, obj: models.Model) -> Any:  # type: ignore[type-arg]
    value = field.value_from_object(obj)
    if isinstance(field, models.FileField):
        return value.name if value else ""
    return value


def _serialise(obj: models.Model) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name in REDACTED_FIELDS:
            continue
        row[field.attname] = _value(field, obj)
    return row


def _files_of(obj: models.Model, key: str) -> Iterator[tuple[str, Any]]:
    _app, _model, field_name = key.split(".")
    if field_name not in OWN_FILE_FIELDS:
        return
    for field in obj._meta.concrete_fields:
        if isinstance(field, models.FileField):
            file = getattr(obj, field.attname)
            if file:
                name = PurePosixPath(file.name).name
                yield f"files/{obj._meta.label_lower}/{obj.pk}/{field.name}/{name}", file


def archive_data(user: Any) -> tuple[dict[str, Any], list[tuple[str, Any]]]:
    """Everything about `user` as JSON-able data, and the files to add (archive path, file)."""
    person = {
        "id": user.pk,
        "email": user.email,
        "name": user.name,
        "language": user.language,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
    }
    records: dict[str, Any] = {}
    files: list[tuple[str, Any]] = []
    for key, description in EXPORTED.items():
        rows = []
        for obj in _rows(user, key):
            rows.append(_serialise(obj))
            files.extend(_files_of(obj, key))
        if rows:
            records[key] = {"description": description, "rows": rows}
    data = {
        "format": "allmenning-data-archive",
        "version": ARCHIVE_VERSION,
        "generated_at": timezone.now(),
        "site": settings.SITE_URL,
        "person": person,
        "records": records,
        "files": sorted({path for path, _f in files}),
    }
    return data, files


def archive_write(user: Any, out: IO[bytes]) -> None:
    """Write the zip of `user`'s data into `out`: `data.json` and their uploaded files."""
    data, files = archive_data(user)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False))
        seen: set[str] = set()
        for path, file in files:
            if path in seen:
                continue
            seen.add(path)
            try:
                with file.open("rb") as source, archive.open(path, "w") as target:
                    for chunk in iter(lambda: source.read(1 << 16), b""):
                        target.write(chunk)
            except FileNotFoundError:
                continue  # listed in data.json; the stored file is gone


def _require_self(user: Any, actor: Any) -> None:
    if not getattr(actor, "is_authenticated", False) or actor.pk != user.pk or user.deleted_at:
        raise PermissionDenied(_("You do not have permission to do this."))


def archive_request(*, user: Any, actor: Any) -> DataArchive | None:
    """Ask for an archive. A small account gets None (the caller streams `archive_write` at
    once); a big one gets a pending DataArchive, built in the background after commit."""
    _require_self(user, actor)
    if archive_row_count(user) <= _inline_max_rows():
        return None
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        # One build at a time, and at most one an hour: asking again gives the same archive.
        recent = DataArchive.objects.filter(
            user=user,
            status__in=[DataArchive.Status.PENDING, DataArchive.Status.READY],
            created_at__gt=timezone.now() - REBUILD_AFTER,
            expires_at__gt=timezone.now(),
        ).first()
        if recent is not None:
            return recent
        archive = DataArchive.objects.create(
            user=user, expires_at=timezone.now() + timedelta(days=_archive_days())
        )
        from apps.privacy.tasks import build_data_archive

        # robust: a broker that is down leaves the archive pending (asking again after an hour
        # starts another) and never turns the request into an error page.
        transaction.on_commit(lambda: build_data_archive.delay(archive.pk), robust=True)
    return archive


def archive_build(*, archive_id: int) -> DataArchive | None:
    """Build a pending archive into private storage and tell its owner (the background task)."""
    import tempfile

    archive = DataArchive.objects.select_related("user").filter(pk=archive_id).first()
    if archive is None or archive.status != DataArchive.Status.PENDING:
        return archive
    user = archive.user
    try:
        with tempfile.TemporaryFile() as out:
            archive_write(user, out)
            size = out.tell()
            out.seek(0)
            name = f"allmenning-{timezone.now():%Y%m%d}.zip"
            with transaction.atomic():
                archive.file.save(name, File(out, name=name), save=False)
                archive.size = size
                archive.status = DataArchive.Status.READY
                archive.ready_at = timezone.now()
                archive.save(update_fields=["file", "size", "status", "ready_at"])
                notify(
                    [user],
                    template="privacy/email/archive_ready.txt",
                    context={"archive": archive},
                    url=reverse("privacy_me:archive_download", args=[archive.pk]),
                    kind="privacy",
                )
    except Exception:
        DataArchive.objects.filter(pk=archive.pk).update(status=DataArchive.Status.FAILED)
        raise
    return archive


def _archive_delete_files(queryset: models.QuerySet) -> int:  # type: ignore[type-arg]
    count = 0
    for archive in queryset:
        if archive.file:
            archive.file.delete(save=False)
        archive.delete()
        count += 1
    return count


# Deleting an account ------------------------------------------------------------------------


def _unusable_email(pk: int) -> str:
    return f"deleted-{pk}-{secrets.token_hex(8)}@deleted.invalid"


def _personal_rows(user: Any) -> list[models.QuerySet]:  # type: ignore[type-arg]
    """What is removed outright: who they are and what they agreed to, not what they made."""
    from allauth.account.models import EmailAddress

    from apps.accounts.models import ApiToken, Profile
    from apps.hubs.models import WorkingGroupMember
    from apps.initiatives.models import Follow, TeamMember
    from apps.notifications.models import Notification, NotificationPreference
    from apps.organisations.models import Representative
    from apps.residents.models import DemographicAnswer
    from apps.volunteers.models import CalendarFeed

    return [
        Profile.objects.filter(user=user),
        ApiToken.objects.filter(user=user),
        EmailAddress.objects.filter(user=user),
        Membership.objects.filter(user=user),
        WorkingGroupMember.objects.filter(user=user),
        Representative.objects.filter(user=user),
        # The owner's own row stays: an initiative's owner is always in its team.
        TeamMember.objects.filter(user=user).exclude(initiative__owner=user),
        Follow.objects.filter(user=user),
        Notification.objects.filter(recipient=user),
        NotificationPreference.objects.filter(user=user),
        CalendarFeed.objects.filter(user=user),
        # Who they are (age band, area): the answers kept with each response stay, unlinked.
        DemographicAnswer.objects.filter(person=user),
    ]


def account_delete(*, user: Any, actor: Any) -> Any:
    """The person deletes their own account, in one transaction.

    The User row stays (so what they wrote keeps its counts and relations) but is scrubbed:
    e-mail replaced by a unique unusable address, name cleared, password unusable, inactive,
    `deleted_at` set, so that `display_name` says "former participant". Their profile,
    memberships and roles, consents, API tokens, notifications and settings are removed; the
    stewards of each hub where they were a steward are told; each hub they belonged to gets an
    audit entry. Their sessions end with the password hash they were tied to."""
    _require_self(user, actor)
    from apps.funding.models import Pledge

    with transaction.atomic():
        locked = get_user_model().objects.select_for_update().get(pk=user.pk)
        if locked.deleted_at is not None:
            raise ValidationError(_("This account has already been deleted."), code="deleted")
        old_name = locked.name.strip()
        memberships = list(Membership.objects.filter(user=locked).select_related("hub").order_by("hub_id"))
        steward_hubs = [
            m.hub
            for m in memberships
            if m.status == ApplicationStatus.APPROVED and (m.is_steward or m.is_network_lead)
        ]
        for membership in memberships:
            audit_record(
                hub=membership.hub,
                actor=locked,
                action="privacy.account_delete",
                target=None,
                label=str(_("former participant")),
                data={"user": locked.pk, "was_steward": membership.hub in steward_hubs},
            )
        for queryset in _personal_rows(locked):
            queryset.delete()
        _archive_delete_files(DataArchive.objects.filter(user=locked))
        # A name they chose to show with a pledge is theirs too.
        Pledge.objects.filter(user=locked).update(public_name="")
        if len(old_name) >= 5:  # a short name would match inside other words
            # Audit labels that named them ("Initiative: Kari Nordmann") name nobody now.
            audit_redact_name(name=old_name, replacement=str(_("former participant")))
        locked.email = _unusable_email(locked.pk)
        locked.name = ""
        locked.set_unusable_password()
        locked.is_active = False
        locked.is_staff = False
        locked.is_superuser = False
        locked.deleted_at = timezone.now()
        locked.save()
        locked.groups.clear()
        locked.user_permissions.clear()
        forget_memberships(user)
        forget_team(user)
        for hub in steward_hubs:
            notify(
                [lead for lead in hub_leads(hub) if lead.pk != locked.pk],
                template="privacy/email/steward_left.txt",
                context={"hub": hub},
                url=reverse("hubs:roles", args=[hub.slug]),
                hub=hub,
                kind="privacy",
            )
    return locked


# Retention and purge ------------------------------------------------------------------------

# Each purge function removes one kind of anonymous input metadata of `hub` older than `cutoff`
# and returns how many it removed. IP-derived rate-limit counters live in the cache and expire
# within their own window (a day at most), so they need no purge here.
PurgeFunction = Callable[[Hub, datetime], int]


def survey_device_markers(hub: Hub, cutoff: datetime) -> int:
    """The markers of browsers that answered the hub's surveys without signing in."""
    return surveys_services.purge_device_markers(before=cutoff, hub=hub)


PURGES: list[PurgeFunction] = [survey_device_markers]


def retention_days(hub: Hub) -> int:
    setting = RetentionSetting.objects.filter(hub=hub).first()
    return setting.anonymous_metadata_days if setting else DEFAULT_RETENTION_DAYS


@transaction.atomic
def retention_set(*, hub: Hub, actor: Any, days: int) -> RetentionSetting:
    """The hub's stewards choose how many days anonymous input metadata is kept."""
    if not actor.has_perm("privacy.change_retention", hub):
        raise PermissionDenied(_("You do not have permission to do this."))
    setting = RetentionSetting.objects.select_for_update().filter(hub=hub).first() or RetentionSetting(
        hub=hub
    )
    before = setting.anonymous_metadata_days if setting.pk else None
    setting.anonymous_metadata_days = days
    setting.updated_by = actor
    setting.full_clean(exclude=["hub"])
    setting.save()
    if before != days:
        audit_record(
            hub=hub,
            actor=actor,
            action="privacy.retention_set",
            target=setting,
            label=str(_("Retention of anonymous input metadata")),
            data={"before": before, "after": days},
        )
    return setting


def purge_anonymous_metadata(*, now: datetime | None = None) -> dict[str, int]:
    """Remove anonymous input metadata older than each hub's retention, and expired archives.

    Idempotent: running it twice removes nothing more the second time."""
    now = now or timezone.now()
    days = dict(RetentionSetting.objects.values_list("hub_id", "anonymous_metadata_days"))
    removed: dict[str, int] = {}
    for hub in Hub.objects.order_by("pk"):
        cutoff = now - timedelta(days=days.get(hub.pk, DEFAULT_RETENTION_DAYS))
        for purge in PURGES:
            with transaction.atomic():
                count = purge(hub, cutoff)
            name = getattr(purge, "__name__", repr(purge))
            removed[name] = removed.get(name, 0) + count
    removed["expired_archives"] = _archive_delete_files(DataArchive.objects.filter(Q(expires_at__lte=now)))
    return removed
