"""allauth hook: every new account gets a profile and keeps the language it signed up in."""

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.utils.translation import get_language

from apps.accounts.services import profile_get_or_create


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request: Any, user: Any, form: Any, commit: bool = True) -> Any:
        user.language = (get_language() or "nb")[:2]
        user = super().save_user(request, user, form, commit)
        if commit:
            profile_get_or_create(user=user)
        return user
