"""Importing a hub archive: every row under a new id, in one transaction.

Rows are inserted model by model in dependency order (`archive.ordered_labels`) with
`bulk_create`, which writes the values as they are in the archive (a signed agreement's version
keeps its exact text and SHA-256; no `save()` recomputes anything, no signal tells anyone).
A mapping old pk → new pk per model turns every foreign key, many-to-many link, generic
foreign key and id inside an audit entry's data into this installation's ids. Keys that point
forward (a parent comment, an agreement's signed version) are filled in once every row is in;
`auto_now` dates are written back as they were; held-back fields (an agreement's "signed") are
set last, so the guards of signed agreements stay whole for every other route.
"""

import contextlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import DatabaseError, IntegrityError, models, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from apps.hubs.models import RESERVED_SLUGS, Hub, hub_name_key
from apps.hubs.signals import hub_imported
from apps.transfer import scope
from apps.transfer.archive import Archive, ArchiveError, Progress, _no_progress, ordered_labels

BATCH = 500


@dataclass
class ImportResult:
    hub: Hub
    counts: dict[str, int]
    mapping: dict[str, dict[Any, Any]]
    created_users: int = 0
    matched_users: int = 0
    warnings: list[str] = field(default_factory=list)


def free_hub_slug(wanted: str) -> str:
    base = slugify(wanted)[:44] or "hub"
    candidate, n = base, 1
    while candidate in RESERVED_SLUGS or Hub.objects.filter(slug=candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _free_hub_name(name: str) -> str:
    candidate, n = name, 1
    while Hub.objects.filter(name_key=hub_name_key(candidate)).exists():
        n += 1
        candidate = f"{name} ({n})"
    return candidate


def check_slug(slug: str) -> str:
    """A slug chosen by a person: valid and free, or a translated ValidationError."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,49}", slug or ""):
        raise ValidationError(_("Use lower-case letters, digits and hyphens (at most 50)."), code="slug")
    if slug in RESERVED_SLUGS:
        raise ValidationError(_("This address is reserved. Choose another."), code="reserved")
    if Hub.objects.filter(slug=slug).exists():
        raise ValidationError(_("A hub with this address exists already. Choose another."), code="taken")
    return slug


class _Importer:
    def __init__(self, archive: Archive, slug: str | None, progress: Progress) -> None:
        self.archive = archive
        self.slug = slug
        self.progress = progress
        self.mapping: dict[str, dict[Any, Any]] = defaultdict(dict)
        self.objects: dict[str, list[tuple[Any, dict[str, Any]]]] = {}
        self.deferred: list[tuple[str, Any, str, Any]] = []  # label, obj, field, old target
        self.saved_files: list[tuple[Any, str]] = []
        self.order = ordered_labels()
        self.position = {label: n for n, label in enumerate(self.order)}
        self.natural_cache: dict[tuple[str, str], Any] = {}
        self.result_counts: dict[str, int] = {}
        self.created_users = 0
        self.matched_users = 0
        self.warnings: list[str] = []
        self.total = sum(archive.counts().values())
        self.done = 0

    # -- references
    def resolve(self, target: type[models.Model], value: Any, where: str) -> Any:
        label = target._meta.label
        if value is None:
            return None
        if isinstance(value, dict) and "natural" in value:
            key = repr(value["natural"])
            if (label, key) not in self.natural_cache:
                found = scope.find_by_natural_key(target, list(value["natural"]))
                if found is None:
                    raise ArchiveError(
                        _("%(where)s points at %(label)s %(key)s, which this installation does not have.")
                        % {"where": where, "label": label, "key": ", ".join(map(str, value["natural"]))}
                    )
                self.natural_cache[(label, key)] = found.pk
            return self.natural_cache[(label, key)]
        if isinstance(value, dict) and "outside" in value:
            return None
        try:
            return self.mapping[label][value]
        except (KeyError, TypeError) as error:
            raise ArchiveError(
                _("%(where)s points at %(label)s %(pk)s, which is not in the archive.")
                % {"where": where, "label": label, "pk": value}
            ) from error

    # -- people, organisations, competences
    def import_referenced(self) -> None:
        from apps.accounts.models import Competence, User
        from apps.organisations.models import Organisation

        for row in self.archive.rows("accounts.User"):
            values = row["fields"]
            email = str(values.get("email", "")).strip()
            if not email:
                raise ArchiveError(_("A person in the archive has no e-mail address."))
            user = User.objects.filter(email__iexact=email).first()
            if user is None:
                user = User(
                    email=email,
                    name=str(values.get("name", ""))[:150],
                    language=values.get("language") or "nb",
                    is_active=False,
                )
                if values.get("date_joined"):
                    user.date_joined = User._meta.get_field("date_joined").to_python(values["date_joined"])
                user.set_unusable_password()
                user.save()
                self.created_users += 1
            else:
                self.matched_users += 1
            self.mapping["accounts.User"][row["pk"]] = user.pk
            self.tick()
        for row in self.archive.rows("organisations.Organisation"):
            values = row["fields"]
            key = [values.get("country", ""), values.get("org_number", ""), values.get("slug", "")]
            org = scope.find_by_natural_key(Organisation, key)
            if org is None:
                kwargs = {
                    n: Organisation._meta.get_field(n).to_python(v)  # type: ignore[union-attr]
                    for n, v in values.items()
                    if n in scope.REFERENCED["organisations.Organisation"]
                }
                base = kwargs.get("slug") or slugify(kwargs.get("name", "")) or "organisation"
                slug, n = base, 1
                while Organisation.objects.filter(slug=slug).exists():
                    n += 1
                    slug = f"{base[:40]}-{n}"
                kwargs["slug"] = slug
                created_at = kwargs.pop("created_at", None)
                org = Organisation.objects.create(**kwargs)
                if created_at:
                    Organisation.objects.filter(pk=org.pk).update(created_at=created_at)
            self.mapping["organisations.Organisation"][row["pk"]] = org.pk
            self.tick()
        for row in self.archive.rows("accounts.Competence"):
            values = row["fields"]
            competence = Competence.objects.filter(slug=values.get("slug")).first()
            if competence is None:
                competence = Competence.objects.create(
                    **{n: values.get(n, "") for n in scope.REFERENCED["accounts.Competence"]}
                )
            self.mapping["accounts.Competence"][row["pk"]] = competence.pk
            self.tick()

    def tick(self, n: int = 1) -> None:
        self.done += n
        if self.done % BATCH == 0 or self.done == self.total:
            self.progress(self.done, self.total)

    # -- rows of the hub
    def build(self, model: type[models.Model], row: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
        label = model._meta.label
        values = row["fields"]
        kwargs: dict[str, Any] = {}
        later: dict[str, Any] = {}
        generic: dict[str, Any] = {}
        held = scope.HELD_BACK.get(label, {})
        for f in model._meta.concrete_fields:
            if f.primary_key or f.name not in values:
                continue
            value = values[f.name]
            where = f"{label} {row['pk']} {f.name}"
            if f.is_relation and f.related_model is not None:
                target = f.related_model._meta.label
                if (
                    isinstance(value, int)
                    and target in self.position
                    and self.position[target] >= self.position[label]
                ):
                    later[f.name] = value
                    continue
                kwargs[f.attname] = self.resolve(f.related_model, value, where)
            elif isinstance(f, models.FileField):
                kwargs[f.attname] = self.file(f, value)
            elif label in scope.GENERIC and f.name == scope.GENERIC[label][1] and isinstance(value, dict):
                generic[f.attname] = value
            else:
                kwargs[f.attname] = f.to_python(value) if not isinstance(f, models.JSONField) else value
        for attname, value in generic.items():
            kwargs[attname] = self.generic(kwargs, model, label, value)
        if label == "audit.AuditEntry" and isinstance(kwargs.get("data"), dict):
            kwargs["data"] = self.audit_data(kwargs["data"])
        if label == "hubs.Hub":
            kwargs["slug"] = self.slug or free_hub_slug(values.get("slug", "hub"))
            kwargs["name"] = _free_hub_name(values.get("name", kwargs["slug"]))
            kwargs["name_key"] = hub_name_key(kwargs["name"])
        restore = {}
        for name, placeholder in held.items():
            if name in kwargs:
                restore[name] = kwargs[name]
                kwargs[name] = placeholder
        # `auto_now` dates: bulk_create sets them to now on the way in; written back later.
        auto = {
            f.attname: kwargs[f.attname]
            for f in model._meta.concrete_fields
            if (getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)) and f.attname in kwargs
        }
        obj = model(**kwargs)
        return obj, {
            "later": later,
            "restore": restore,
            "auto": auto,
            "m2m": {f.name: values.get(f.name, []) for f in scope.m2m_fields(model)},
        }

    def audit_data(self, data: dict[str, Any]) -> dict[str, Any]:
        out = dict(data)
        for key, target_label in scope.AUDIT_DATA_IDS.items():
            if key not in out:
                continue
            target = apps.get_model(target_label)

            def one(v: Any, target: Any = target) -> Any:
                if isinstance(v, dict) and "ref" in v:
                    try:
                        return self.resolve(target, v["ref"], "audit data")
                    except ArchiveError:
                        return None
                return v

            out[key] = [one(v) for v in out[key]] if isinstance(out[key], list) else one(out[key])
        return out

    def file(self, f: Any, value: Any) -> str:
        if not value:
            return ""
        if value.get("missing") or not value.get("path"):
            self.warnings.append(
                _("A file was missing in the exporting installation: %(name)s") % {"name": value.get("name")}
            )
            return str(value.get("name", ""))
        payload = self.archive.read(value["path"])
        name = f.storage.save(
            str(value.get("name") or value["path"].rsplit("/", 1)[-1]), ContentFile(payload)
        )
        self.saved_files.append((f.storage, name))
        return name

    def import_scoped(self) -> None:
        for label in self.order:
            if label not in scope.HUB_SCOPED:
                continue
            model = apps.get_model(label)
            built = [(row["pk"], *self.build(model, row)) for row in self.archive.rows(label)]
            objs = [obj for _pk, obj, _extra in built]
            if label != "hubs.Hub":
                self.check_unique(model, objs)
            for start in range(0, len(objs), BATCH):
                model._base_manager.bulk_create(objs[start : start + BATCH])
                self.tick(len(objs[start : start + BATCH]))
            for old, obj, _extra in built:
                if obj.pk is None:
                    raise ArchiveError(_("The database did not return new ids; import is not possible here."))
                self.mapping[label][self._key(model, old)] = obj.pk
            self.objects[label] = [(obj, extra) for _old, obj, extra in built]
            self.result_counts[label] = len(objs)

    @staticmethod
    def check_unique(model: type[models.Model], objs: list[Any]) -> None:
        """Values that must be unique in the whole installation (a secret ballot's receipt
        codes) and are here already: the hub, or a copy of it, lives here."""
        for f in model._meta.concrete_fields:
            if not f.unique or f.primary_key or f.is_relation:
                continue
            values = [getattr(obj, f.attname) for obj in objs if getattr(obj, f.attname) not in (None, "")]
            for start in range(0, len(values), BATCH):
                if model._base_manager.filter(**{f"{f.attname}__in": values[start : start + BATCH]}).exists():
                    raise ArchiveError(
                        _(
                            "%(model)s of this archive exist in this installation already (their "
                            "%(field)s must be unique): the hub, or a copy of it, is here. Import it "
                            "into another installation, or remove the other copy first."
                        )
                        % {"model": model._meta.verbose_name_plural, "field": f.verbose_name}
                    )

    @staticmethod
    def _key(model: type[models.Model], old: Any) -> Any:
        return old if isinstance(old, int) else str(old)

    def finish(self) -> None:
        # Keys that point forward, generic keys and many-to-many links.
        for label, pairs in self.objects.items():
            model = apps.get_model(label)
            changed: dict[str, list[Any]] = defaultdict(list)
            for obj, extra in pairs:
                for name, old in extra["later"].items():
                    f = model._meta.get_field(name)
                    setattr(obj, f.attname, self.resolve(f.related_model, old, f"{label} {name}"))  # type: ignore[arg-type]
                    changed[name].append(obj)
            for name, objs in changed.items():
                model._base_manager.bulk_update(objs, [name], batch_size=BATCH)
            for f in scope.m2m_fields(model):
                through = f.remote_field.through
                links = []
                for obj, extra in pairs:
                    for old in extra["m2m"].get(f.name, []):
                        target = self.resolve(f.related_model, old, f"{label} {f.name}")
                        if target is not None:
                            links.append(
                                through(
                                    **{
                                        f"{f.m2m_field_name()}_id": obj.pk,
                                        f"{f.m2m_reverse_field_name()}_id": target,
                                    }
                                )
                            )
                through._base_manager.bulk_create(links, batch_size=BATCH)
            auto = sorted({name for _obj, extra in pairs for name in extra["auto"]})
            if auto:
                for obj, extra in pairs:
                    for attname, value in extra["auto"].items():
                        setattr(obj, attname, value)
                model._base_manager.bulk_update([obj for obj, _extra in pairs], auto, batch_size=BATCH)
        # Held back until the end: a signed agreement becomes signed when all of it is in.
        for label in scope.HELD_BACK:
            model = apps.get_model(label)
            for obj, extra in self.objects.get(label, []):
                if extra["restore"]:
                    for name, value in extra["restore"].items():
                        setattr(obj, name, value)
                    model._base_manager.filter(pk=obj.pk).update(**extra["restore"])

    def generic(
        self, kwargs: dict[str, Any], model: type[models.Model], label: str, value: dict[str, Any]
    ) -> Any:
        """The id a generic key gets here: the new id of the row it pointed at (every other
        model of the hub is in by now), or empty when that row did not travel."""
        ct_field, id_field = scope.GENERIC[label]
        ct_id = kwargs.get(model._meta.get_field(ct_field).attname)  # type: ignore[union-attr]
        f = model._meta.get_field(id_field)
        empty = "" if isinstance(f, models.CharField) else None
        if ct_id is None:
            return value.get("raw", empty)
        target = ContentType.objects.get_for_id(ct_id).model_class()
        if target is None:
            return empty
        try:
            new = self.resolve(target, value.get("ref"), label)
        except ArchiveError:
            new = None
        if new is None:
            # The row it pointed at did not travel (gone, or of another hub): empty where the
            # field may be, else the old id as it was (it pointed at nothing then either).
            return empty if (f.null or isinstance(f, models.CharField)) else value.get("raw")
        return str(new) if isinstance(f, models.CharField) else new

    def cleanup_files(self) -> None:
        for storage, name in self.saved_files:
            with contextlib.suppress(OSError):
                storage.delete(name)


def import_archive(
    source: Any, *, slug: str | None = None, progress: Progress = _no_progress
) -> ImportResult:
    """Import the archive (a path or a binary file) as a new hub; all or nothing.

    Raises `ArchiveError` (translated message) for an archive that is damaged, changed, of an
    unknown version, unsafe, or that does not fit this installation."""
    if slug:
        try:
            check_slug(slug)
        except ValidationError as error:
            raise ArchiveError(" ".join(error.messages)) from error
    archive = Archive(source)
    importer = _Importer(archive, slug, progress)
    try:
        with transaction.atomic():
            importer.import_referenced()
            importer.import_scoped()
            importer.finish()
            hub_pk = next(iter(importer.mapping["hubs.Hub"].values()), None)
            if hub_pk is None:
                raise ArchiveError(_("The archive holds no hub."))
            hub = Hub.objects.get(pk=hub_pk)
    except ArchiveError:
        importer.cleanup_files()
        raise
    except (IntegrityError, DatabaseError, ValidationError, ValueError, TypeError, LookupError) as error:
        importer.cleanup_files()
        if slug and Hub.objects.filter(slug=slug).exists():
            # Another import took the address while this one ran.
            raise ArchiveError(_("A hub with this address exists already. Choose another.")) from error
        raise ArchiveError(
            _("The archive does not fit this installation's data: %(error)s") % {"error": str(error)[:300]}
        ) from error
    finally:
        archive.close()
    hub_imported.send(sender=Hub, hub=hub)
    counts = dict(importer.result_counts)
    for label in scope.REFERENCED:
        counts[label] = len(importer.mapping.get(label, {}))
    return ImportResult(
        hub=hub,
        counts=counts,
        mapping={k: dict(v) for k, v in importer.mapping.items()},
        created_users=importer.created_users,
        matched_users=importer.matched_users,
        warnings=importer.warnings,
    )
