import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.participation.spaces import Space
from apps.visions import services
from apps.visions.models import Endorsement, Vision, VisionVersion
from tests.factories import OrganisationFactory, PartnershipFactory, RepresentativeFactory

pytestmark = pytest.mark.django_db


def test_versions_are_numbered_with_their_hash(vision, nora, mia):
    v2 = services.version_create(
        vision=vision, actor=nora, text="Oslo is greener.\n\nWe share streets.", based_on=1
    )
    v3 = services.version_create(vision=vision, actor=mia, text="Oslo is greener.\n\nWe share all streets.")
    assert [v.number for v in vision.versions.order_by("number")] == [1, 2, 3]
    import hashlib

    assert v3.sha256 == hashlib.sha256(v3.text.encode()).hexdigest()
    assert v2.author == nora


def test_a_stale_start_is_refused(vision, nora, stella):
    services.version_create(vision=vision, actor=nora, text="Newer", based_on=1)
    with pytest.raises(ValidationError) as exc:
        services.version_create(vision=vision, actor=stella, text="Mine", based_on=1)
    assert exc.value.code == "stale"


def test_unchanged_text_and_empty_text_are_refused(vision, stella):
    with pytest.raises(ValidationError):
        services.version_create(vision=vision, actor=stella, text="Oslo is green.\n\nWe share streets.")
    with pytest.raises(ValidationError):
        services.version_create(vision=vision, actor=stella, text="   ")
    with pytest.raises(ValidationError):
        services.version_create(vision=vision, actor=stella, text="x" * 50_001)


def test_members_propose_only_while_drafting_coauthors_any_time_but_adopted(vision, stella, mia, bob):
    services.vision_update(vision=vision, actor=stella, status="endorsing")
    vision.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.version_create(vision=vision, actor=mia, text="Changed by mia")
    services.coauthor_add(vision=vision, actor=stella, user=bob)
    assert services.version_create(vision=vision, actor=bob, text="Changed by bob").number == 2
    services.vision_update(vision=vision, actor=stella, status="adopted")
    vision.refresh_from_db()
    for person in (bob, stella):
        with pytest.raises(PermissionDenied):
            services.version_create(vision=vision, actor=person, text=f"Late {person.pk}")


def test_only_members_become_coauthors(vision, stella, vic, sven):
    for person in (vic, sven):
        with pytest.raises(ValidationError):
            services.coauthor_add(vision=vision, actor=stella, user=person)


def test_sven_has_no_power_in_oslo(vision, sven, oslo):
    with pytest.raises(PermissionDenied):
        services.vision_create(space=Space(hub=oslo), actor=sven, title="x", text="y")
    with pytest.raises(PermissionDenied):
        services.version_create(vision=vision, actor=sven, text="Mine now")
    with pytest.raises(PermissionDenied):
        services.vision_update(vision=vision, actor=sven, status="adopted")
    with pytest.raises(PermissionDenied):
        services.comment_create(version=vision.versions.get(), actor=sven, text="Hi")


def test_initiative_owner_edits_the_initiatives_vision(oslo, olga, courtyard):
    vision = services.vision_create(
        space=Space(hub=oslo, initiative=courtyard), actor=olga, title="Yard", text="Trees"
    )
    assert vision.initiative == courtyard
    with pytest.raises(PermissionDenied):
        services.vision_create(space=Space(hub=oslo), actor=olga, title="Hub", text="No")


def test_endorsement_by_an_approved_partners_representative(
    vision, stella, petra, acme, mailoutbox, django_capture_on_commit_callbacks
):
    services.vision_update(vision=vision, actor=stella, status="endorsing")
    version = vision.versions.get()
    with django_capture_on_commit_callbacks(execute=True):
        endorsement = services.endorse(version=version, actor=petra, organisation=acme)
    assert (endorsement.organisation, endorsement.representative, endorsement.version) == (
        acme,
        petra,
        version,
    )
    assert endorsement.created is not None
    with pytest.raises(ValidationError) as exc:
        services.endorse(version=version, actor=petra, organisation=acme)
    assert exc.value.code == "duplicate"
    assert Endorsement.objects.count() == 1
    assert stella.email in [m.to[0] for m in mailoutbox]


def test_endorsement_refused_for_others(vision, stella, petra, acme, pending_rep, mia, sven, vic):
    services.vision_update(vision=vision, actor=stella, status="endorsing")
    version = vision.versions.get()
    # Not a representative of acme.
    for person in (mia, sven, vic, stella, pending_rep):
        with pytest.raises(PermissionDenied):
            services.endorse(version=version, actor=person, organisation=acme)
    # petra cannot endorse for an organisation she does not represent, nor for a pending partner.
    other = OrganisationFactory()
    PartnershipFactory(hub=vision.hub, organisation=other)
    with pytest.raises(PermissionDenied):
        services.endorse(version=version, actor=petra, organisation=other)
    pending_org = pending_rep.organisations.get()
    RepresentativeFactory(organisation=pending_org, user=petra)
    with pytest.raises(PermissionDenied):
        services.endorse(version=version, actor=petra, organisation=pending_org)
    assert not Endorsement.objects.exists()


def test_no_endorsements_while_drafting(vision, petra, acme):
    with pytest.raises(PermissionDenied):
        services.endorse(version=vision.versions.get(), actor=petra, organisation=acme)


def test_each_organisation_endorses_each_version_once(vision, stella, petra, acme):
    services.vision_update(vision=vision, actor=stella, status="endorsing")
    v1 = vision.versions.get()
    v2 = services.version_create(vision=Vision.objects.get(pk=vision.pk), actor=stella, text="Second")
    services.endorse(version=v1, actor=petra, organisation=acme)
    services.endorse(version=v2, actor=petra, organisation=acme)
    assert Endorsement.objects.filter(organisation=acme).count() == 2
    assert VisionVersion.objects.count() == 2
