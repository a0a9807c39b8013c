"""Where documents that only a permission check may hand out are kept: never under MEDIA_URL.

Every upload is stored under an unguessable name (`unguessable`). Permit documents, deliverable
files, evidence and grant documents live in PRIVATE_MEDIA_ROOT (by default a `media-private`
folder next to MEDIA_ROOT), which no web server serves; a view checks permission and sends the file
as an attachment (`apps.core.documents.attachment`). Such a file has no public URL at all."""

import secrets
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property


def private_root() -> Path:
    configured = getattr(settings, "PRIVATE_MEDIA_ROOT", None)
    if configured:
        return Path(configured)
    media = Path(settings.MEDIA_ROOT)
    return media.with_name(f"{media.name}-private")


@deconstructible(path="apps.core.storage.PrivateStorage")
class PrivateStorage(FileSystemStorage):
    @cached_property
    def base_location(self) -> str:
        return str(private_root())

    def _clear_cached_properties(self, setting: str, **kwargs: Any) -> None:
        if setting in ("MEDIA_ROOT", "PRIVATE_MEDIA_ROOT"):
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)
        super()._clear_cached_properties(setting, **kwargs)  # type: ignore[arg-type]

    def url(self, name: str | None) -> str:
        raise ValueError("A private document has no public address; link to its download view.")


private_storage = PrivateStorage()


def unguessable(folder: str, filename: str) -> str:
    """`folder/<32 random hex digits>/filename`: the name an upload is stored under, so that no
    one finds a file by counting (`…/1/plan.pdf`, `…/2/plan.pdf`) or by guessing its title. Every
    model's `upload_to` goes through this; a public image's address is then as secret as the
    page that shows it."""
    name = filename.rsplit("/", 1)[-1] or "file"
    return f"{folder.strip('/')}/{secrets.token_hex(16)}/{name}"


def move_into_private(names: Any) -> int:
    """Move files stored before PRIVATE_MEDIA_ROOT existed from MEDIA_ROOT into it (used by the
    migrations that made permit documents and deliverables private); returns how many moved."""
    import shutil

    moved = 0
    for name in names:
        if not name:
            continue
        source = Path(settings.MEDIA_ROOT) / name
        target = private_root() / name
        if source.is_file() and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(source, target)
            moved += 1
    return moved
