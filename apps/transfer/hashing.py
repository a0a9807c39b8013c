"""Content hashes of a hub, per model, that do not depend on ids: what a round trip keeps.

A row's identity is the SHA-256 of its model and its field values, where a foreign key to a row
of the hub is replaced by that row's identity (keys that point forward in the import order, such
as a parent comment or an agreement's signed version, by a shallow identity of the target's own
values), a reference to a person, organisation or catalogue row by its natural key, a file by
the SHA-256 of its content, and the hub's address and name (which an import may change) are
left out. A model's hash is the SHA-256 of its rows' identities, sorted. Two hubs with equal
hashes per model hold the same things, however their ids differ."""

import hashlib
import json
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models

from apps.transfer import scope
from apps.transfer.archive import ArchiveEncoder, ordered_labels

# The hub's address and name (an import may change them) and its cache version (a new number
# after every write, the import's own included) are not content.
HUB_VOLATILE = {"slug", "name", "name_key", "content_version"}


class _Hasher:
    def __init__(self, hub: Any) -> None:
        self.order = ordered_labels()
        self.position = {label: n for n, label in enumerate(self.order)}
        self.rows: dict[str, dict[Any, Any]] = {}
        for label in scope.HUB_SCOPED:
            model = apps.get_model(label)
            self.rows[label] = {obj.pk: obj for obj in scope.hub_queryset(model, hub)}
        self.m2m: dict[tuple[str, str], dict[Any, list[Any]]] = {}
        for label in scope.HUB_SCOPED:
            model = apps.get_model(label)
            for f in scope.m2m_fields(model):
                links: dict[Any, list[Any]] = {}
                through = f.remote_field.through
                rows = through._base_manager.filter(
                    **{f"{f.m2m_field_name()}_id__in": list(self.rows[label])}
                )
                for src, tgt in rows.values_list(
                    f"{f.m2m_field_name()}_id", f"{f.m2m_reverse_field_name()}_id"
                ):
                    links.setdefault(src, []).append(tgt)
                self.m2m[(label, f.name)] = links
        self.memo: dict[tuple[str, Any, bool], str] = {}
        self.natural: dict[tuple[str, Any], Any] = {}
        self.explained: dict[str, list[Any]] = {}

    def ref(self, target: type[models.Model], pk: Any, shallow: bool) -> Any:
        label = target._meta.label
        if pk is None:
            return None
        if label in self.rows and pk in self.rows[label]:
            return self.ident(label, pk, shallow)
        if label in scope.REFERENCED or label in scope.CATALOGUE:
            key = (label, pk)
            if key not in self.natural:
                obj: Any = target._base_manager.filter(pk=pk).first()
                if obj is None:
                    self.natural[key] = ["gone"]
                elif label == "organisations.Organisation":
                    self.natural[key] = [obj.country, obj.org_number, obj.name]
                else:
                    self.natural[key] = scope.natural_key(target, obj)
            return [label, self.natural[key]]
        return ["outside"]

    def ident(self, label: str, pk: Any, shallow: bool = False) -> str:
        key = (label, pk, shallow)
        if key in self.memo:
            return self.memo[key]
        obj = self.rows[label][pk]
        model = type(obj)
        values: list[Any] = [label]
        for f in model._meta.concrete_fields:
            if f.primary_key or (label == "hubs.Hub" and f.name in HUB_VOLATILE):
                continue
            if f.is_relation and f.related_model is not None:
                if shallow:
                    continue
                target = f.related_model._meta.label
                forward = target in self.position and self.position[target] >= self.position[label]
                values.append([f.name, self.ref(f.related_model, getattr(obj, f.attname), shallow=forward)])
            elif isinstance(f, models.FileField):
                values.append([f.name, _file_hash(f, obj)])
            elif label in scope.GENERIC and f.name == scope.GENERIC[label][1]:
                values.append([f.name, self.generic(obj, label, shallow)])
            elif label == "audit.AuditEntry" and f.name == "data":
                values.append([f.name, self.audit_data(obj.data)])
            else:
                values.append([f.name, f.value_from_object(obj)])
        if not shallow:
            for f in scope.m2m_fields(model):
                links = self.m2m[(label, f.name)].get(pk, [])
                values.append(
                    [
                        f.name,
                        sorted(
                            json.dumps(self.ref(f.related_model, t, True), cls=ArchiveEncoder) for t in links
                        ),
                    ]
                )
        digest = hashlib.sha256(json.dumps(values, cls=ArchiveEncoder, sort_keys=True).encode()).hexdigest()
        self.explained[digest] = values
        self.memo[key] = digest
        return digest

    def generic(self, obj: Any, label: str, shallow: bool) -> Any:
        ct_field, id_field = scope.GENERIC[label]
        ct_id = getattr(obj, obj._meta.get_field(ct_field).attname)
        object_id = getattr(obj, id_field)
        if ct_id is None or object_id in (None, ""):
            return None
        target = ContentType.objects.get_for_id(ct_id).model_class()
        if target is None:
            return None
        try:
            pk = target._meta.pk.to_python(object_id)  # type: ignore[union-attr]
        except Exception:  # noqa: BLE001
            return None
        found = self.ref(target, pk, True)
        return None if found == ["outside"] else found

    def audit_data(self, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        out = dict(data)
        for key, target_label in scope.AUDIT_DATA_IDS.items():
            if key not in out:
                continue
            target = apps.get_model(target_label)

            def one(v: Any, target: Any = target) -> Any:
                if isinstance(v, int) and not isinstance(v, bool):
                    found = self.ref(target, v, True)
                    return None if found == ["outside"] else found
                return v

            out[key] = [one(v) for v in out[key]] if isinstance(out[key], list) else one(out[key])
        return out


def _file_hash(f: Any, obj: Any) -> Any:
    name = f.value_from_object(obj)
    name = getattr(name, "name", name)
    if not name:
        return None
    try:
        with f.storage.open(name, "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()
    except OSError:
        return ["missing", name]


def content_hashes(hub: Any) -> dict[str, tuple[int, str]]:
    """model label → (row count, content hash) for every exported model of `hub`, the people,
    organisations and competences it refers to included."""
    hasher = _Hasher(hub)
    result: dict[str, tuple[int, str]] = {}
    referenced: dict[str, set[str]] = {}
    for label in scope.HUB_SCOPED:
        idents = sorted(hasher.ident(label, pk) for pk in hasher.rows[label])
        result[label] = (len(idents), hashlib.sha256("\n".join(idents).encode()).hexdigest())
    for (label, _pk), key in hasher.natural.items():
        if label in scope.REFERENCED and key != ["gone"]:
            referenced.setdefault(label, set()).add(json.dumps(key, cls=ArchiveEncoder))
    for label, keys in referenced.items():
        result[label] = (len(keys), hashlib.sha256("\n".join(sorted(keys)).encode()).hexdigest())
    return result


def explain(hub: Any, label: str) -> list[list[Any]]:
    """The values behind each row's identity of one model (for finding what differs)."""
    hasher = _Hasher(hub)
    return sorted((hasher.explained[hasher.ident(label, pk)] for pk in hasher.rows[label]), key=repr)
