"""Organisation numbers: Norwegian mod-11 and Swedish Luhn, checked with real registered numbers."""

import pytest
from django.core.exceptions import ValidationError

from apps.organisations import services
from apps.organisations.models import Organisation, Representative
from apps.organisations.validators import (
    is_valid_norwegian,
    is_valid_swedish,
    normalise_org_number,
    validate_org_number,
)
from tests.factories import OrganisationFactory, UserFactory

# Norway ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        "974760673",  # Brønnøysundregistrene
        "923609016",  # Equinor ASA
        "991825827",  # Digitaliseringsdirektoratet
    ],
)
def test_it_accepts_real_norwegian_numbers(number):
    assert is_valid_norwegian(number)
    assert validate_org_number("NO", number) == number


@pytest.mark.parametrize(
    "number",
    [
        "974760674",  # Brønnøysundregistrene with the wrong check digit
        "923609015",  # Equinor with the wrong check digit
        "97476067",  # 8 digits
        "9747606730",  # 10 digits
        "97476067A",  # a letter
        "ABCDEFGHI",
        "",
    ],
)
def test_it_rejects_malformed_norwegian_numbers(number):
    assert not is_valid_norwegian(number)
    with pytest.raises(ValidationError) as info:
        validate_org_number("NO", number)
    assert info.value.code == "invalid_org_number"


def test_it_rejects_every_number_whose_norwegian_check_digit_would_be_10():
    # 3*1 + 2*0 + ... + 3*1 + 2*3 = 12, 11 - 12 % 11 = 10: no check digit can make this valid.
    stem = "10000013"
    assert not any(is_valid_norwegian(f"{stem}{digit}") for digit in range(10))


def test_it_accepts_a_norwegian_number_whose_check_digit_is_0():
    # 11 - total % 11 == 11 means check digit 0.
    stem = next(
        f"{n:08d}"
        for n in range(10_000_000, 10_001_000)
        if sum(int(d) * w for d, w in zip(f"{n:08d}", (3, 2, 7, 6, 5, 4, 3, 2), strict=True)) % 11 == 0
    )
    assert is_valid_norwegian(f"{stem}0")
    assert not is_valid_norwegian(f"{stem}1")


def test_it_normalises_spaces_in_norwegian_numbers():
    assert validate_org_number("NO", "974 760 673") == "974760673"
    assert validate_org_number("NO", " 923-609-016 ") == "923609016"


# Sweden ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        "556036-0793",  # Skatteverket's own example, Aktiebolag
        "212000-0142",  # Stockholms kommun
        "556012-5790",  # AB Volvo
        "202100-2114",  # Stockholms universitet
    ],
)
def test_it_accepts_real_swedish_numbers(number):
    digits = number.replace("-", "")
    assert is_valid_swedish(digits)
    assert validate_org_number("SE", number) == digits


@pytest.mark.parametrize(
    "number",
    [
        "5560360794",  # wrong check digit
        "2120000143",  # wrong check digit
        "556036079",  # 9 digits
        "55603607931",  # 11 digits
        "5510360793",  # third digit 1 < 2: a personnummer, not an organisation
        "5500360793",  # third digit 0
        "556036079X",
        "",
    ],
)
def test_it_rejects_malformed_swedish_numbers(number):
    assert not is_valid_swedish(number)
    with pytest.raises(ValidationError) as info:
        validate_org_number("SE", number)
    assert info.value.code == "invalid_org_number"


def test_it_normalises_spaces_and_dashes_in_swedish_numbers():
    assert normalise_org_number("556036-0793") == "5560360793"
    assert normalise_org_number(" 556 036 - 0793\t") == "5560360793"
    assert validate_org_number("SE", "556 036 0793") == "5560360793"


def test_it_does_not_accept_a_norwegian_number_as_swedish_or_the_other_way_round():
    with pytest.raises(ValidationError):
        validate_org_number("SE", "974760673")
    with pytest.raises(ValidationError):
        validate_org_number("NO", "5560360793")


def test_it_refuses_countries_other_than_norway_and_sweden():
    with pytest.raises(ValidationError) as info:
        validate_org_number("DK", "12345678")
    assert info.value.code == "invalid_country"


# Registering an organisation ------------------------------------------------------------


def _create(actor, **overrides):
    fields = {
        "actor": actor,
        "name": "Brønnøysundregistrene",
        "type": Organisation.Type.PUBLIC,
        "country": "NO",
        "org_number": "974 760 673",
    }
    fields.update(overrides)
    return services.organisation_create(**fields)


@pytest.mark.django_db
def test_it_registers_an_organisation_with_its_creator_as_representative():
    creator = UserFactory()

    organisation = _create(creator, title="Director")

    organisation.refresh_from_db()
    assert organisation.org_number == "974760673"
    representative = Representative.objects.get(organisation=organisation)
    assert representative.user == creator
    assert representative.title == "Director"
    assert creator.has_perm("organisations.change_organisation", organisation)


@pytest.mark.django_db
def test_it_refuses_an_invalid_number_on_the_org_number_field_and_saves_nothing():
    creator = UserFactory()

    with pytest.raises(ValidationError) as info:
        _create(creator, org_number="974760674")

    assert "org_number" in info.value.message_dict
    assert Organisation.objects.count() == 0
    assert Representative.objects.count() == 0


@pytest.mark.django_db
def test_it_refuses_a_swedish_number_with_the_third_digit_below_2():
    with pytest.raises(ValidationError) as info:
        _create(UserFactory(), country="SE", org_number="551036-0793")
    assert "org_number" in info.value.message_dict
    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_it_refuses_a_number_that_is_already_registered_with_a_clear_error():
    OrganisationFactory(country="NO", org_number="974760673", name="The first one")
    latecomer = UserFactory()

    with pytest.raises(ValidationError) as info:
        _create(latecomer, org_number="974 760 673")

    assert info.value.message_dict == {
        "org_number": ["An organisation with this number is already registered."]
    }
    assert Organisation.objects.count() == 1
    assert not Representative.objects.filter(user=latecomer).exists()


@pytest.mark.django_db
def test_the_same_number_may_exist_once_in_each_country():
    # The uniqueness is per country: a Swedish number happens to be unrelated to a Norwegian.
    _create(UserFactory(), country="SE", org_number="5560360793", name="Skatteverket example")
    _create(UserFactory(), country="NO", org_number="974760673")
    assert Organisation.objects.count() == 2


@pytest.mark.django_db
def test_two_organisations_with_the_same_name_get_different_slugs():
    first = _create(UserFactory(), name="Equinor", org_number="923609016")
    second = _create(UserFactory(), name="Equinor", org_number="991825827")
    assert first.slug == "equinor"
    assert second.slug == "equinor-2"


def test_anonymous_people_cannot_register_organisations(db):
    from django.contrib.auth.models import AnonymousUser
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        _create(AnonymousUser())
    assert not Organisation.objects.exists()
