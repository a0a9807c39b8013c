"""factory_boy factories shared by all tests."""

import factory
from django.utils import timezone

from apps.accounts.models import Competence, Profile, User
from apps.hubs.models import (
    ApplicationStatus,
    Hub,
    Membership,
    Partnership,
    WorkingGroup,
    WorkingGroupMember,
)
from apps.organisations.models import Organisation, Representative

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Faker("name")
    language = "en"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def profile(obj, create, extracted, **kwargs):
        if create:
            Profile.objects.get_or_create(user=obj, defaults=kwargs)
            obj.save()


class CompetenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Competence
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"competence-{n}")
    name_en = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").title())
    name_nb = factory.LazyAttribute(lambda o: o.name_en)
    name_sv = factory.LazyAttribute(lambda o: o.name_en)


class HubFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hub
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"hub{n}")
    name = factory.LazyAttribute(lambda o: o.slug.title())
    place = "Oslo"
    description = "A hub for tests."


def _norwegian_number(n: int) -> str:
    """A valid Norwegian organisation number (mod 11), a different one for each n.

    The stem is 90000000 + 2n; when no check digit fits it (the check would be 10), the odd
    stem just above it does, since its last digit carries weight 2. Stems never repeat.
    """
    from apps.organisations.validators import is_valid_norwegian

    for stem in (90_000_000 + 2 * n, 90_000_000 + 2 * n + 1):
        for check in range(10):
            number = f"{stem}{check}"
            if is_valid_norwegian(number):
                return number
    raise AssertionError(f"no valid number near {n}")  # unreachable: see above


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    type = Organisation.Type.CIVIL_SOCIETY
    country = "NO"
    org_number = factory.Sequence(_norwegian_number)


class RepresentativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Representative

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    hub = factory.SubFactory(HubFactory)
    user = factory.SubFactory(UserFactory)
    status = ApplicationStatus.APPROVED
    decided_at = factory.LazyFunction(timezone.now)


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    hub = factory.SubFactory(HubFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    status = ApplicationStatus.APPROVED
    decided_at = factory.LazyFunction(timezone.now)


class WorkingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroup

    hub = factory.SubFactory(HubFactory)
    name = factory.Sequence(lambda n: f"Working group {n}")
    slug = factory.Sequence(lambda n: f"working-group-{n}")
    theme = "Climate"


class WorkingGroupMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroupMember

    group = factory.SubFactory(WorkingGroupFactory)
    user = factory.SubFactory(UserFactory)


def consent(user, contact: bool = False):
    """Give `user` a public profile (and public contact details if `contact`)."""
    profile = user.profile
    profile.consent_public_profile = True
    profile.consent_public_profile_at = timezone.now()
    profile.consent_public_contact = contact
    profile.consent_public_contact_at = timezone.now() if contact else None
    profile.save()
    return user


def verified_email(user, address: str | None = None):
    """Give `user` a verified e-mail address (their own by default), as signing up and
    confirming the address does: what accepting an invitation by e-mail asks for."""
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.get_or_create(
        user=user, email=address or user.email, defaults={"verified": True, "primary": address is None}
    )[0]
