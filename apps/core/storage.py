"""Where documents that only a permission check may hand out are kept: never under MEDIA_URL.

Every upload is stored under an unguessable name (`unguessable`). Permit documents, deliverable
files, evidence and grant documents live in PRIVATE_MEDIA_ROOT (by default a `media-private`
folder next to MEDIA_ROOT), which no web server serves; a view checks permission and sends the file
as an attachment (`apps.core.documents.attachment`). Initiative images, result photos, concept
images and map-mark photos live there too and come back inline through a view that checks who
may see the object they belong to (`apps.core.documents.inline_image`). Such a file has no
public URL at all. Only the hub's own banner image stays in MEDIA_ROOT (a hub is always public)."""

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
    migrations that made documents, deliverables and photos private); returns how many moved."""
    return sum(1 for name in names if name and move_file_into_private(name))


def move_file_into_private(name: str, new_name: str | None = None) -> bool:
    """Move one file from MEDIA_ROOT (or, to rename it, from PRIVATE_MEDIA_ROOT) to
    PRIVATE_MEDIA_ROOT under `new_name` (default: the same name). False when there was nothing
    to move: no such file, or the target exists already. A migration that renames stores the
    new name only when this returns True."""
    import shutil

    target = private_root() / (new_name or name)
    if target.exists():
        return False
    for source in (Path(settings.MEDIA_ROOT) / name, private_root() / name):
        if source.is_file() and source != target:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(source, target)
            return True
    return False
