from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _refuse_signed_delete(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A cascade (a hub or an initiative deleted) must not take a signed agreement with it:
    Django's collector deletes without calling the models' delete(), but sends this signal."""
    from apps.agreements.models import Agreement, AgreementSigned

    agreement_id = instance.pk if isinstance(instance, Agreement) else getattr(instance, "agreement_id", None)
    if agreement_id is not None and Agreement.objects.filter(pk=agreement_id, status="signed").exists():
        raise AgreementSigned()


def _organisation_agreements(*, organisation: Any, **_: Any) -> dict[str, Any] | None:
    from apps.agreements.selectors import agreements_of_organisation

    agreements = agreements_of_organisation(organisation=organisation)
    return {"agreements": agreements} if agreements else None


def _can_manage(*, hub: Any, user: Any = None, **_: Any) -> bool:
    return bool(user is not None and user.has_perm("agreements.add_agreement", hub))


class AgreementsConfig(AppConfig):
    name = "apps.agreements"
    label = "agreements"
    verbose_name = _("Cooperation agreements")

    def ready(self) -> None:
        from django.db.models.signals import pre_delete

        from apps.agreements.models import Agreement, AgreementVersion, Party, Signature
        from apps.audit.models import register_actions
        from apps.core.panels import Link, Panel
        from apps.hubs.panels import HUB_STEWARD_LINKS
        from apps.organisations.panels import ORGANISATION_PAGE

        for model in (Agreement, AgreementVersion, Party, Signature):
            pre_delete.connect(
                _refuse_signed_delete, sender=model, dispatch_uid=f"agreements_guard_{model.__name__}"
            )

        HUB_STEWARD_LINKS.register(
            Link(
                key="agreements",
                label=_("Cooperation agreements"),
                url_name="hubs:agreements:list",
                show=_can_manage,
                order=45,
            )
        )
        ORGANISATION_PAGE.register(
            Panel(
                key="agreements",
                title=_("Cooperation agreements"),
                template="agreements/panels/organisation.html",
                context=_organisation_agreements,
                order=20,
            )
        )
        register_actions(
            "agreements",
            _("Agreements"),
            {
                "agreements.version": _("Saved a version of an agreement"),
                "agreements.parties": _("Changed the parties to an agreement"),
                "agreements.open": _("Opened an agreement for signing"),
                "agreements.sign": _("Signed an agreement for an organisation"),
                "agreements.signed": _("An agreement was signed by every party"),
            },
        )
