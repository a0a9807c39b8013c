"""The one permission check every view and service uses: ask `rules` (through Django's
`has_perm`), refuse with a translated PermissionDenied (a 403 page that shows the reason)."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def require(user: Any, perm: str, obj: Any = None) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied(_("You do not have permission to do this."))


def is_public(perm: str, obj: Any = None) -> bool:
    """Whether anyone at all, signed in or not, has `perm` on `obj`: what decides whether a
    file of the object may be kept by shared caches (`Cache-Control: public`)."""
    from django.contrib.auth.models import AnonymousUser

    return bool(AnonymousUser().has_perm(perm, obj))
