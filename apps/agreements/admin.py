"""The admin shows agreements; a signed one is read only (and the models refuse any change)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from apps.agreements.models import Agreement, AgreementVersion, Party, Signature


def _signed(obj: Any) -> bool:
    agreement = obj if isinstance(obj, Agreement) else getattr(obj, "agreement", None)
    return bool(agreement is not None and agreement.is_signed)


class _ReadOnlyWhenSigned(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and _signed(obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and _signed(obj):
            return False
        return super().has_delete_permission(request, obj)


class PartyInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Party
    raw_id_fields = ["organisation"]
    extra = 0

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not (obj is not None and _signed(obj)) and super().has_change_permission(request, obj)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not (obj is not None and _signed(obj)) and super().has_add_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not (obj is not None and _signed(obj)) and super().has_delete_permission(request, obj)


@admin.register(Agreement)
class AgreementAdmin(_ReadOnlyWhenSigned):
    list_display = ["title", "hub", "status", "starts_on", "ends_on", "signed_at"]
    list_filter = ["hub", "status"]
    search_fields = ["title"]
    raw_id_fields = ["initiative", "created_by", "signed_version"]
    list_select_related = ["hub"]
    inlines = [PartyInline]

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        # Bulk deletion would bypass the per-object check above (the QuerySet refuses anyway).
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


@admin.register(AgreementVersion)
class AgreementVersionAdmin(_ReadOnlyWhenSigned):
    list_display = ["agreement", "number", "sha256", "created"]
    list_select_related = ["agreement"]
    readonly_fields = ["sha256"]
    raw_id_fields = ["agreement", "author"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A saved version never changes (signed or not).
        return obj is None and super().has_change_permission(request, obj)


@admin.register(Signature)
class SignatureAdmin(_ReadOnlyWhenSigned):
    list_display = ["organisation_name", "representative_name", "version", "signed_at"]
    list_select_related = ["version", "version__agreement"]
    raw_id_fields = ["agreement", "version", "organisation", "representative"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # signatures come from the signing page only

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None and super().has_change_permission(request, obj)
