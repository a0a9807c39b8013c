"""A signed agreement cannot change by any route: its pages, its services, the models' save()
and delete(), the QuerySet's update(), delete() and bulk_create(), a cascade from its hub, and
the admin. Each route is tried on the agreement, its versions, parties and signatures."""

import pytest
from django.db import transaction
from django.db.models import ProtectedError

from apps.agreements import services
from apps.agreements.models import Agreement, AgreementSigned, AgreementVersion, Party, Signature
from tests.agreements.conftest import END, START, latest, sign

pytestmark = pytest.mark.django_db


def _snapshot(agreement):
    return (
        list(Agreement.objects.filter(pk=agreement.pk).values()),
        list(AgreementVersion.objects.filter(agreement=agreement).values()),
        list(Party.objects.filter(agreement=agreement).values()),
        list(Signature.objects.filter(agreement=agreement).values()),
    )


@pytest.fixture
def before(signed):
    return _snapshot(signed)


# Pages -----------------------------------------------------------------------------------


def test_page_posts_are_refused(client, signed, before, stella, petra, acme):
    base = f"/oslo/agreements/{signed.pk}"
    client.force_login(stella)
    assert client.post(f"{base}/versions/new/", {"text": "Endret", "based_on": 1}).status_code == 403
    data = {"title": "X", "starts_on": START, "ends_on": END, "organisations": [acme.pk]}
    assert client.post(f"{base}/edit/", data).status_code == 403
    response = client.post(f"{base}/open/")
    assert response.status_code == 400
    assert "can no longer be changed" in response.content.decode()
    client.force_login(petra)
    version = latest(signed)
    response = client.post(
        f"{base}/sign/",
        {"organisation": acme.pk, "number": version.number, "sha256": version.sha256, "confirm": "on"},
    )
    assert response.status_code == 400
    assert _snapshot(signed) == before


def test_services_refuse(signed, before, stella, petra, acme):
    with pytest.raises(AgreementSigned):
        services.version_create(agreement=signed, actor=stella, text="Endret")
    with pytest.raises(AgreementSigned):
        services.agreement_update(
            agreement=signed, actor=stella, title="X", starts_on=START, ends_on=END, organisations=[acme]
        )
    with pytest.raises(AgreementSigned):
        sign(signed, petra, acme)
    assert _snapshot(signed) == before


# Models ----------------------------------------------------------------------------------


def test_model_save_refuses(signed, before):
    agreement = Agreement.objects.get(pk=signed.pk)
    agreement.title = "Forfalsket"
    with pytest.raises(AgreementSigned):
        agreement.save()
    agreement.status = Agreement.Status.DRAFTING
    with pytest.raises(AgreementSigned):
        agreement.save(update_fields=["status"])
    version = latest(signed)
    version.text = "Forfalsket"
    with pytest.raises(AgreementSigned):
        version.save()
    with pytest.raises(AgreementSigned):
        AgreementVersion(agreement=signed, number=9, text="Ny").save()
    signature = Signature.objects.filter(agreement=signed).first()
    signature.representative_name = "Noen andre"
    with pytest.raises(AgreementSigned):
        signature.save()
    party = Party.objects.filter(agreement=signed).first()
    with pytest.raises(AgreementSigned):
        party.save()
    assert _snapshot(signed) == before


def test_model_delete_refuses(signed, before):
    for obj in (
        Signature.objects.filter(agreement=signed).first(),
        Party.objects.filter(agreement=signed).first(),
        latest(signed),
        Agreement.objects.get(pk=signed.pk),
    ):
        with pytest.raises(AgreementSigned):
            obj.delete()
    assert _snapshot(signed) == before


def test_queryset_update_refuses(signed, before):
    with pytest.raises(AgreementSigned):
        Agreement.objects.filter(pk=signed.pk).update(title="Forfalsket")
    with pytest.raises(AgreementSigned):
        Agreement.objects.all().update(status="drafting")
    with pytest.raises(AgreementSigned):
        AgreementVersion.objects.filter(agreement=signed).update(text="Forfalsket", sha256="0" * 64)
    with pytest.raises(AgreementSigned):
        Signature.objects.filter(agreement=signed).update(representative_name="Noen andre")
    with pytest.raises(AgreementSigned):
        Party.objects.filter(agreement=signed).update(organisation=None)
    version = latest(signed)
    version.text = "Forfalsket"
    with pytest.raises(AgreementSigned), transaction.atomic():
        AgreementVersion.objects.bulk_update([version], ["text"])
    assert _snapshot(signed) == before


def test_queryset_delete_and_bulk_create_refuse(signed, before, nabo):
    for qs in (
        Signature.objects.filter(agreement=signed),
        Party.objects.filter(agreement=signed),
        AgreementVersion.objects.filter(agreement=signed),
        Agreement.objects.filter(pk=signed.pk),
    ):
        with pytest.raises(AgreementSigned):
            qs.delete()
    with pytest.raises(AgreementSigned):
        Party.objects.bulk_create([Party(agreement=signed, organisation=nabo)])
    with pytest.raises(AgreementSigned):
        AgreementVersion.objects.bulk_create([AgreementVersion(agreement=signed, number=7, text="x")])
    assert _snapshot(signed) == before


def test_a_cascade_from_the_hub_or_an_organisation_refuses(signed, before, oslo, acme):
    with pytest.raises((AgreementSigned, ProtectedError)):
        oslo.delete()
    with pytest.raises(ProtectedError):
        acme.delete()
    assert _snapshot(signed) == before


def test_an_unsigned_agreement_can_still_be_deleted(agreement):
    Agreement.objects.filter(pk=agreement.pk).delete()
    assert not AgreementVersion.objects.exists()


# Admin -----------------------------------------------------------------------------------


def test_admin_shows_a_signed_agreement_read_only(client, root, signed, before):
    client.force_login(root)
    url = f"/admin/agreements/agreement/{signed.pk}/change/"
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="_save"' not in page
    assert client.post(url, {"title": "Forfalsket", "status": "drafting"}).status_code == 403
    assert client.post(f"/admin/agreements/agreement/{signed.pk}/delete/", {"post": "yes"}).status_code == 403
    version = latest(signed)
    response = client.post(f"/admin/agreements/agreementversion/{version.pk}/change/", {"text": "Forfalsket"})
    assert response.status_code == 403
    signature = Signature.objects.filter(agreement=signed).first()
    response = client.post(f"/admin/agreements/signature/{signature.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    response = client.post(
        "/admin/agreements/agreement/",
        {"action": "delete_selected", "_selected_action": [signed.pk], "post": "yes"},
    )
    assert response.status_code in (200, 302)
    assert _snapshot(signed) == before


def test_admin_can_still_edit_a_draft(client, root, agreement):
    client.force_login(root)
    response = client.get(f"/admin/agreements/agreement/{agreement.pk}/change/")
    assert response.status_code == 200
    assert 'name="_save"' in response.content.decode()
