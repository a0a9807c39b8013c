"""Agreement pages: list, new, detail, versions with the diff, signing, print, PDF and the
public verification page, with their refusals (another hub's steward, a non-party, bad input)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.agreements import services
from apps.agreements.canonical import sha256_of
from apps.agreements.models import Agreement, Signature
from tests.agreements.conftest import END, START, latest, sign

pytestmark = pytest.mark.django_db


def url(agreement, rest=""):
    return f"/oslo/agreements/{agreement.pk}/{rest}"


# List, create, detail --------------------------------------------------------------------


def test_list_shows_drafts_to_members_and_signed_to_everyone(client, agreement, signed, mia, vic, nils):
    # `agreement` and `signed` are the same object here; add a second draft.
    client.force_login(mia)
    assert signed.title in client.get("/oslo/agreements/").content.decode()
    client.force_login(vic)
    assert signed.title in client.get("/oslo/agreements/").content.decode()


def test_drafts_are_hidden_from_visitors_and_non_parties(client, agreement, vic, nils, sven, petra):
    for user in (vic, nils, sven):
        client.force_login(user)
        assert agreement.title not in client.get("/oslo/agreements/").content.decode()
        assert client.get(url(agreement)).status_code == 403
    client.force_login(petra)
    assert client.get(url(agreement)).status_code == 200


def test_another_hubs_url_is_404(client, agreement, stella, sodertorn):
    client.force_login(stella)
    assert client.get(f"/sodertorn/agreements/{agreement.pk}/").status_code == 404


def test_empty_list_has_an_empty_state(client, oslo, stella):
    client.force_login(stella)
    page = client.get("/oslo/agreements/").content.decode()
    assert "No cooperation agreement yet" in page and "/oslo/agreements/new/" in page


def test_steward_creates_an_agreement_from_the_form(client, oslo, stella, acme, petra, bylab):
    client.force_login(stella)
    assert client.get("/oslo/agreements/new/").status_code == 200
    response = client.post(
        "/oslo/agreements/new/",
        {
            "title": "Samarbeidsavtale",
            "starts_on": "2026-07-01",
            "ends_on": "2027-06-30",
            "organisations": [acme.pk],
        },
    )
    agreement = Agreement.objects.get()
    assert response.status_code == 302 and response["Location"] == agreement.get_absolute_url()
    assert agreement.versions.get().number == 1


@pytest.mark.parametrize(
    "data",
    [
        {"title": "", "starts_on": "2026-07-01", "ends_on": "2027-06-30"},
        {"title": "A", "starts_on": "2027-07-01", "ends_on": "2026-06-30"},
        {"title": "A", "starts_on": "nonsense", "ends_on": "2026-06-30"},
        {"title": "A\nB", "starts_on": "2026-07-01", "ends_on": "2027-06-30"},
    ],
)
def test_create_with_bad_input_answers_400_and_saves_nothing(client, oslo, stella, acme, petra, data):
    client.force_login(stella)
    response = client.post("/oslo/agreements/new/", {**data, "organisations": [acme.pk]})
    assert response.status_code == 400
    assert not Agreement.objects.exists()


def test_create_with_a_non_partner_answers_400(client, oslo, stella, acme, petra, sara):
    client.force_login(stella)
    other = sara.organisations.get()
    response = client.post(
        "/oslo/agreements/new/",
        {
            "title": "A",
            "starts_on": "2026-07-01",
            "ends_on": "2027-06-30",
            "organisations": [acme.pk, other.pk],
        },
    )
    assert response.status_code == 400
    assert not Agreement.objects.exists()


def test_create_is_refused_to_others(client, oslo, bob, mia, petra, sven):
    for user in (bob, mia, petra, sven):
        client.force_login(user)
        assert client.get("/oslo/agreements/new/").status_code == 403


def test_detail_shows_text_parties_signatures_and_history(client, signing, stella, petra, acme):
    sign(signing, petra, acme)
    client.force_login(stella)
    page = client.get(url(signing)).content.decode()
    assert "Acme Byutvikling" in page and "Bylab Oslo" in page
    assert "Petra Partner" in page and "Not signed" in page
    assert latest(signing).sha256 in page
    assert "Version 1" in page


# Versions --------------------------------------------------------------------------------


def test_new_version_and_its_word_diff(client, agreement, stella):
    client.force_login(stella)
    old = latest(agreement).text
    response = client.post(
        url(agreement, "versions/new/"),
        {"text": old.replace("Pådriv Oslo", "Pådriv Oslo og Omegn", 1), "based_on": 1},
    )
    assert response.status_code == 302
    page = client.get(url(agreement, "versions/2/")).content.decode()
    assert "<ins>" in page and "Omegn" in page


def test_new_version_with_a_stale_base_answers_400(client, agreement, stella):
    client.force_login(stella)
    services.version_create(agreement=agreement, actor=stella, text="Av noen andre")
    response = client.post(url(agreement, "versions/new/"), {"text": "Min tekst", "based_on": 1})
    assert response.status_code == 400
    assert agreement.versions.count() == 2


def test_new_version_is_refused_to_a_party_and_other_hubs(client, agreement, petra, sven, bob):
    for user in (petra, sven, bob):
        client.force_login(user)
        assert client.post(url(agreement, "versions/new/"), {"text": "x"}).status_code == 403


def test_unknown_version_is_404(client, agreement, stella):
    client.force_login(stella)
    assert client.get(url(agreement, "versions/9/")).status_code == 404


# Signing ---------------------------------------------------------------------------------


def _sign_data(version, organisation, **extra):
    return {
        "organisation": organisation.pk,
        "number": version.number,
        "sha256": version.sha256,
        "confirm": "on",
    } | extra


def test_sign_form_carries_the_version_and_its_hash(client, signing, petra):
    client.force_login(petra)
    page = client.get(url(signing, "sign/")).content.decode()
    version = latest(signing)
    assert f'name="sha256" value="{version.sha256}"' in page
    assert f'name="number" value="{version.number}"' in page


def test_signing_from_the_page(client, signing, petra, acme):
    client.force_login(petra)
    response = client.post(url(signing, "sign/"), _sign_data(latest(signing), acme))
    assert response.status_code == 302
    assert Signature.objects.filter(organisation=acme).count() == 1


def test_signing_an_outdated_version_on_the_page_is_refused_clearly(client, signing, stella, petra, acme):
    old = latest(signing)
    services.version_create(agreement=signing, actor=stella, text="Endret")
    client.force_login(petra)
    response = client.post(url(signing, "sign/"), _sign_data(old, acme))
    assert response.status_code == 400
    assert "version 2 is the latest" in response.content.decode()
    assert not Signature.objects.exists()


def test_signing_with_a_wrong_hash_on_the_page_is_refused(client, signing, petra, acme):
    client.force_login(petra)
    response = client.post(url(signing, "sign/"), _sign_data(latest(signing), acme, sha256="f" * 64))
    assert response.status_code == 400
    assert "SHA-256 differs" in response.content.decode()
    assert not Signature.objects.exists()


def test_signing_without_confirming_is_400(client, signing, petra, acme):
    client.force_login(petra)
    data = _sign_data(latest(signing), acme)
    del data["confirm"]
    assert client.post(url(signing, "sign/"), data).status_code == 400
    assert not Signature.objects.exists()


def test_signing_for_another_organisation_or_a_non_party_is_403(
    client, signing, petra, bylab, nils, nabo, sven
):
    client.force_login(petra)
    assert client.post(url(signing, "sign/"), _sign_data(latest(signing), bylab)).status_code == 403
    client.force_login(nils)
    assert client.post(url(signing, "sign/"), _sign_data(latest(signing), nabo)).status_code == 403
    client.force_login(sven)
    assert client.post(url(signing, "sign/"), _sign_data(latest(signing), bylab)).status_code == 403
    assert not Signature.objects.exists()


def test_open_for_signing_is_refused_to_non_leads(client, agreement, petra, bob):
    for user in (petra, bob):
        client.force_login(user)
        assert client.post(url(agreement, "open/")).status_code == 403
    agreement.refresh_from_db()
    assert agreement.status == "drafting"


# Print, PDF ------------------------------------------------------------------------------


def test_print_view_has_text_parties_signatures_and_hash(client, signed):
    page = client.get(url(signed, "print/")).content.decode()
    assert "agreements/print.css" in page
    assert "Petra Partner" in page and "Ola Bylab" in page
    assert signed.signed_version.sha256 in page


def test_pdf_of_a_signed_agreement(client, signed):
    response = client.get(url(signed, "agreement.pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_pdf_replaces_characters_outside_latin1(oslo, stella, acme, petra):
    from apps.agreements.pdf import agreement_pdf, latin1

    assert latin1("Blåbær – «søt» “ok” … ő ☃ äö") == 'Blåbær - «søt» "ok" ... o ? äö'
    agreement = services.agreement_create(
        hub=oslo, actor=stella, title="Avtale ☃ – ØÆÅ", starts_on=START, ends_on=END, organisations=[acme]
    )
    version = services.version_create(
        agreement=agreement, actor=stella, text="# Tittel\n\n- punkt ✓\n\nTekst 😀"
    )
    data = agreement_pdf(
        agreement=agreement, version=version, signatures=[], parties=list(agreement.parties.all())
    )
    assert data.startswith(b"%PDF")


def test_pdf_of_a_draft_is_403_for_a_visitor(client, agreement, vic):
    client.force_login(vic)
    assert client.get(url(agreement, "agreement.pdf")).status_code == 403
    assert client.get(url(agreement, "print/")).status_code == 403


# Verification ----------------------------------------------------------------------------


def test_verify_a_pasted_text_with_windows_line_endings(client, signed):
    text = signed.signed_version.text.replace("\n", "  \r\n")
    response = client.post("/oslo/agreements/verify/", {"text": text})
    page = response.content.decode()
    assert response.status_code == 200
    assert "It matches a signed agreement." in page and signed.title in page
    assert "Petra Partner" in page and "Acme Byutvikling" in page
    assert "@example.org" not in page


def test_verify_an_uploaded_file(client, signed):
    upload = SimpleUploadedFile(
        "avtale.md", ("\ufeff" + signed.signed_version.text).encode(), "text/markdown"
    )
    page = client.post("/oslo/agreements/verify/", {"file": upload}).content.decode()
    assert "It matches a signed agreement." in page


def test_verify_by_hash_in_the_address(client, signed):
    page = client.get(
        f"/oslo/agreements/verify/?sha256={signed.signed_version.sha256.upper()}"
    ).content.decode()
    assert "It matches a signed agreement." in page


def test_a_changed_text_does_not_match(client, signed):
    page = client.post(
        "/oslo/agreements/verify/", {"text": signed.signed_version.text + "x"}
    ).content.decode()
    assert "No match." in page


def test_a_draft_never_matches(client, agreement):
    page = client.post("/oslo/agreements/verify/", {"text": latest(agreement).text}).content.decode()
    assert "No match." in page


def test_a_signed_text_of_another_hub_does_not_match_here(client, signed, sodertorn):
    response = client.post("/sodertorn/agreements/verify/", {"sha256": signed.signed_version.sha256})
    assert "No match." in response.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"sha256": "not a hash"},
        {"text": "a", "sha256": sha256_of("a")},
        {"file": SimpleUploadedFile("a.pdf", b"%PDF-1.4", "application/pdf")},
        {"file": SimpleUploadedFile("a.txt", b"\xff\xfe\x00bad", "text/plain")},
        {"file": SimpleUploadedFile("a.txt", b"a" * (600 * 1024), "text/plain")},
    ],
)
def test_verify_bad_input_is_400(client, oslo, data):
    assert client.post("/oslo/agreements/verify/", data).status_code == 400


def test_verify_page_documents_the_canonical_form(client, oslo):
    page = client.get("/oslo/agreements/verify/").content.decode()
    assert "NFC" in page and "line feed" in page and "SHA-256" in page


# Links -----------------------------------------------------------------------------------


def test_steward_link_on_the_hub_page(client, oslo, stella, mia):
    client.force_login(stella)
    assert "/oslo/agreements/" in client.get("/oslo/").content.decode()


def test_signed_agreement_on_the_organisation_page(client, signed, acme):
    page = client.get(f"/organisations/{acme.slug}/").content.decode()
    assert signed.title in page and signed.get_absolute_url() in page


def test_an_initiatives_agreement_from_the_form(client, oslo, stella, acme, petra):
    from apps.initiatives.models import Initiative

    initiative = Initiative.objects.create(hub=oslo, owner=stella, slug="gard", title="Gård", status="active")
    client.force_login(stella)
    data = {"title": "A", "starts_on": "2026-07-01", "ends_on": "2027-06-30", "organisations": [acme.pk]}
    assert client.post("/oslo/agreements/new/", {**data, "initiative": initiative.pk}).status_code == 302
    assert Agreement.objects.get().initiative == initiative
    assert "Gård" in client.get("/oslo/agreements/").content.decode()
