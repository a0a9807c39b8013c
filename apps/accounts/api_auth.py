"""Authentication for the write API: `Authorization: Bearer alm_…` with a personal API token
(apps.accounts.models.ApiToken). The request then acts as the token's owner, with exactly the
owner's permissions; a read-only token is refused on writes (403)."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.security import HttpBearer

from apps.accounts.models import ApiToken
from apps.accounts.services import api_token_user


class TokenAuth(HttpBearer):
    def __init__(self, *, write: bool = True) -> None:
        super().__init__()
        self.write = write

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = api_token_user(token)
        if found is None:
            return None
        user, api_token = found
        if self.write and api_token.scope != ApiToken.Scope.WRITE:
            raise PermissionDenied(_("This token may only read."))
        request.user = user
        request.api_token = api_token  # type: ignore[attr-defined]
        return user


token_write = TokenAuth(write=True)
