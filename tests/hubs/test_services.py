"""Hub services: applying, deciding, roles, partnerships, working groups, profiles."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from apps.accounts import services as account_services
from apps.accounts.models import Competence, User
from apps.hubs import services
from apps.hubs.models import (
    ApplicationStatus,
    Membership,
    Partnership,
    WorkingGroup,
    WorkingGroupMember,
)
from tests.factories import (
    CompetenceFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    RepresentativeFactory,
    UserFactory,
)

PENDING, APPROVED, REJECTED = (
    ApplicationStatus.PENDING,
    ApplicationStatus.APPROVED,
    ApplicationStatus.REJECTED,
)


@pytest.fixture
def after_commit(django_capture_on_commit_callbacks):
    """Run what services defer until after commit (e-mails), as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


# Applying for membership ----------------------------------------------------------------


def test_it_creates_a_pending_application_and_tells_the_stewards_and_network_lead(
    oslo, stella, nora, bob, mia, vic, after_commit
):
    with after_commit():
        membership = services.membership_apply(hub=oslo, user=vic, message="I build bike paths.")

    membership.refresh_from_db()
    assert membership.status == PENDING
    assert membership.message == "I build bike paths."
    assert membership.decided_at is None
    # Stewards and the network lead are told, the board and plain members are not.
    assert recipients() == ["nora@example.org", "stella@example.org"]
    assert all("Vic Visitor" in message.subject for message in mail.outbox)
    assert all("/oslo/manage/applications/" in message.body for message in mail.outbox)


def test_it_tells_nobody_before_the_transaction_commits(oslo, stella, vic):
    # Without a commit (the test's transaction is never committed) no e-mail goes out.
    services.membership_apply(hub=oslo, user=vic)
    assert mail.outbox == []


def test_it_does_not_tell_stewards_of_other_hubs(oslo, stella, sven, vic, after_commit):
    with after_commit():
        services.membership_apply(hub=oslo, user=vic)
    assert "sven@example.org" not in recipients()


def test_it_writes_to_each_steward_in_their_own_language(oslo, stella, nora, vic, after_commit):
    stella.language = "nb"
    stella.save()

    with after_commit():
        services.membership_apply(hub=oslo, user=vic)

    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert by_recipient["nora@example.org"].subject == "Vic Visitor wants to join Pådriv Oslo"
    assert by_recipient["stella@example.org"].subject == "Vic Visitor vil bli med i Pådriv Oslo"


@pytest.mark.parametrize("status", [PENDING, APPROVED])
def test_it_rejects_a_second_application_while_one_is_pending_or_approved(
    oslo, stella, vic, status, after_commit
):
    first = MembershipFactory(hub=oslo, user=vic, status=status, message="First time")
    before = Membership.objects.values().get(pk=first.pk)

    with after_commit(), pytest.raises(ValidationError) as info:
        services.membership_apply(hub=oslo, user=vic, message="Second time")

    assert info.value.code == "duplicate"
    assert Membership.objects.filter(hub=oslo, user=vic).count() == 1
    assert Membership.objects.values().get(pk=first.pk) == before
    assert mail.outbox == []


def test_it_reopens_a_rejected_application_when_the_person_applies_again(oslo, stella, vic, after_commit):
    old = MembershipFactory(
        hub=oslo, user=vic, status=REJECTED, decided_by=stella, decision_reason="Tell us more."
    )

    with after_commit():
        membership = services.membership_apply(hub=oslo, user=vic, message="Here is more.")

    assert membership.pk == old.pk
    membership.refresh_from_db()
    assert membership.status == PENDING
    assert membership.message == "Here is more."
    assert membership.decided_at is None
    assert membership.decided_by is None
    assert membership.decision_reason == ""
    assert recipients() == ["stella@example.org"]


def test_it_refuses_applications_to_a_closed_hub(oslo, stella, vic):
    oslo.accepts_members = False
    oslo.save()

    with pytest.raises(ValidationError) as info:
        services.membership_apply(hub=oslo, user=vic)

    assert info.value.code == "closed"
    assert not Membership.objects.filter(user=vic).exists()


def test_anonymous_visitors_cannot_apply(oslo):
    with pytest.raises(PermissionDenied):
        services.membership_apply(hub=oslo, user=AnonymousUser())
    assert not Membership.objects.filter(hub=oslo, status=PENDING).exists()


def test_a_member_of_one_hub_can_apply_to_another(oslo, sodertorn, mia):
    membership = services.membership_apply(hub=sodertorn, user=mia)
    assert membership.status == PENDING
    assert Membership.objects.get(hub=oslo, user=mia).status == APPROVED


# Deciding applications -------------------------------------------------------------------


@pytest.fixture
def application(oslo, vic):
    return MembershipFactory(hub=oslo, user=vic, status=PENDING, decided_at=None)


def test_a_steward_approves_an_application_and_the_applicant_is_welcomed(
    oslo, stella, vic, application, after_commit
):
    with after_commit():
        services.membership_decide(membership=application, actor=stella, approve=True)

    application.refresh_from_db()
    assert application.status == APPROVED
    assert application.decided_by == stella
    assert application.decided_at is not None
    assert recipients() == ["vic@example.org"]
    assert "Welcome to Pådriv Oslo" in mail.outbox[0].subject
    assert vic.has_perm("hubs.join_working_group", oslo)


def test_the_network_lead_may_decide_too(oslo, nora, application):
    services.membership_decide(membership=application, actor=nora, approve=True)
    application.refresh_from_db()
    assert application.status == APPROVED


def test_a_rejection_tells_the_applicant_why(oslo, stella, vic, application, after_commit):
    with after_commit():
        services.membership_decide(
            membership=application, actor=stella, approve=False, reason="  We only take Oslo residents.  "
        )

    application.refresh_from_db()
    assert application.status == REJECTED
    assert application.decision_reason == "We only take Oslo residents."
    assert recipients() == ["vic@example.org"]
    assert "We only take Oslo residents." in mail.outbox[0].body


@pytest.mark.parametrize("reason", ["", "   \n "])
def test_a_rejection_needs_a_reason(stella, application, reason, after_commit):
    with after_commit(), pytest.raises(ValidationError) as info:
        services.membership_decide(membership=application, actor=stella, approve=False, reason=reason)

    assert "reason" in info.value.message_dict
    application.refresh_from_db()
    assert application.status == PENDING
    assert mail.outbox == []


def test_an_application_cannot_be_decided_twice(stella, nora, application, after_commit):
    services.membership_decide(membership=application, actor=stella, approve=True)

    with after_commit(), pytest.raises(ValidationError) as info:
        services.membership_decide(
            membership=application, actor=nora, approve=False, reason="Changed my mind"
        )

    assert info.value.code == "decided"
    application.refresh_from_db()
    assert application.status == APPROVED
    assert application.decided_by == stella
    assert mail.outbox == []


@pytest.mark.parametrize("who", ["bob", "mia", "vic"])
def test_people_who_are_not_stewards_cannot_decide(request, who, application):
    actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        services.membership_decide(membership=application, actor=actor, approve=True)
    application.refresh_from_db()
    assert application.status == PENDING


def test_the_steward_of_sodertorn_cannot_decide_oslo_applications(sven, application):
    with pytest.raises(PermissionDenied):
        services.membership_decide(membership=application, actor=sven, approve=True)
    application.refresh_from_db()
    assert application.status == PENDING
    assert application.decided_by is None


# Roles ---------------------------------------------------------------------------------


def test_a_steward_gives_a_member_a_seat_on_the_board(oslo, stella, mia):
    membership = Membership.objects.get(hub=oslo, user=mia)
    assert not mia.has_perm("hubs.view_applications", oslo)

    services.membership_set_roles(
        membership=membership, actor=stella, is_steward=False, is_network_lead=False, is_board=True
    )

    membership.refresh_from_db()
    assert (membership.is_steward, membership.is_network_lead, membership.is_board) == (False, False, True)
    # Permissions are cached per request on the user object; the next request loads mia afresh.
    assert User.objects.get(pk=mia.pk).has_perm("hubs.view_applications", oslo)


def test_a_steward_takes_a_role_away(oslo, stella, bob):
    membership = Membership.objects.get(hub=oslo, user=bob)
    services.membership_set_roles(
        membership=membership, actor=stella, is_steward=False, is_network_lead=False, is_board=False
    )
    membership.refresh_from_db()
    assert not membership.is_board


def test_stewards_cannot_drop_their_own_stewardship(oslo, stella):
    membership = Membership.objects.get(hub=oslo, user=stella)
    with pytest.raises(ValidationError) as info:
        services.membership_set_roles(
            membership=membership, actor=stella, is_steward=False, is_network_lead=False, is_board=True
        )
    assert info.value.code == "self"
    membership.refresh_from_db()
    assert membership.is_steward


def test_only_approved_members_can_hold_a_role(oslo, stella, application):
    with pytest.raises(ValidationError) as info:
        services.membership_set_roles(
            membership=application, actor=stella, is_steward=True, is_network_lead=False, is_board=False
        )
    assert info.value.code == "not_member"
    application.refresh_from_db()
    assert not application.is_steward


@pytest.mark.parametrize("who", ["bob", "mia", "sven"])
def test_only_the_hubs_own_leads_assign_roles(request, oslo, mia, who):
    actor = request.getfixturevalue(who)
    membership = Membership.objects.get(hub=oslo, user=mia)
    with pytest.raises(PermissionDenied):
        services.membership_set_roles(
            membership=membership, actor=actor, is_steward=True, is_network_lead=True, is_board=True
        )
    membership.refresh_from_db()
    assert not (membership.is_steward or membership.is_network_lead or membership.is_board)


# Partnerships --------------------------------------------------------------------------


@pytest.fixture
def acme_rep(acme):
    user = UserFactory(email="rep@acme.example", name="Rita Rep")
    RepresentativeFactory(organisation=acme, user=user)
    return user


def test_a_representative_applies_for_their_organisation(oslo, stella, nora, acme, acme_rep, after_commit):
    with after_commit():
        partnership = services.partnership_apply(
            hub=oslo, organisation=acme, actor=acme_rep, contribution="Meeting rooms"
        )

    partnership.refresh_from_db()
    assert partnership.status == PENDING
    assert partnership.applied_by == acme_rep
    assert partnership.contribution == "Meeting rooms"
    assert recipients() == ["nora@example.org", "stella@example.org"]
    assert all("Acme Byutvikling" in message.subject for message in mail.outbox)


@pytest.mark.parametrize("who", ["mia", "stella", "vic"])
def test_only_representatives_of_the_organisation_can_apply_for_it(request, oslo, acme, acme_rep, who):
    actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        services.partnership_apply(hub=oslo, organisation=acme, actor=actor)
    assert not Partnership.objects.filter(organisation=acme).exists()


def test_a_representative_of_another_organisation_cannot_apply_for_this_one(oslo, acme):
    other_rep = RepresentativeFactory(organisation=OrganisationFactory()).user
    with pytest.raises(PermissionDenied):
        services.partnership_apply(hub=oslo, organisation=acme, actor=other_rep)
    assert not Partnership.objects.filter(organisation=acme).exists()


@pytest.mark.parametrize("status", [PENDING, APPROVED])
def test_an_organisation_cannot_apply_twice(oslo, acme, acme_rep, status):
    existing = PartnershipFactory(hub=oslo, organisation=acme, status=status, contribution="First")

    with pytest.raises(ValidationError) as info:
        services.partnership_apply(hub=oslo, organisation=acme, actor=acme_rep, contribution="Second")

    assert info.value.code == "duplicate"
    assert "Acme Byutvikling" in info.value.messages[0]
    existing.refresh_from_db()
    assert existing.status == status
    assert existing.contribution == "First"
    assert Partnership.objects.filter(organisation=acme).count() == 1


def test_a_rejected_organisation_may_apply_again(oslo, acme, acme_rep):
    old = PartnershipFactory(hub=oslo, organisation=acme, status=REJECTED, decision_reason="No")
    partnership = services.partnership_apply(hub=oslo, organisation=acme, actor=acme_rep, contribution="More")
    assert partnership.pk == old.pk
    partnership.refresh_from_db()
    assert (partnership.status, partnership.decision_reason, partnership.contribution) == (
        PENDING,
        "",
        "More",
    )


def test_a_hub_closed_to_partners_refuses_applications(oslo, acme, acme_rep):
    oslo.accepts_partners = False
    oslo.save()
    with pytest.raises(PermissionDenied):
        services.partnership_apply(hub=oslo, organisation=acme, actor=acme_rep)
    assert not Partnership.objects.exists()


@pytest.fixture
def acme_application(oslo, acme, acme_rep):
    return PartnershipFactory(
        hub=oslo, organisation=acme, status=PENDING, decided_at=None, applied_by=acme_rep
    )


def test_a_steward_approves_a_partnership_and_the_representatives_are_told(
    oslo, stella, acme, acme_rep, acme_application, after_commit
):
    second_rep = RepresentativeFactory(organisation=acme, user=UserFactory(email="boss@acme.example")).user

    with after_commit():
        services.partnership_decide(partnership=acme_application, actor=stella, approve=True)

    acme_application.refresh_from_db()
    assert acme_application.status == APPROVED
    assert acme_application.decided_by == stella
    assert recipients() == sorted([acme_rep.email, second_rep.email])
    assert "Acme Byutvikling is now a partner of Pådriv Oslo" in mail.outbox[0].body
    assert acme_rep.has_perm("hubs.apply_partnership", oslo)


def test_a_partnership_rejection_needs_a_reason_and_carries_it(stella, acme_application, after_commit):
    with pytest.raises(ValidationError):
        services.partnership_decide(partnership=acme_application, actor=stella, approve=False)
    acme_application.refresh_from_db()
    assert acme_application.status == PENDING

    with after_commit():
        services.partnership_decide(
            partnership=acme_application, actor=stella, approve=False, reason="Not a fit right now"
        )
    acme_application.refresh_from_db()
    assert acme_application.status == REJECTED
    assert "Not a fit right now" in mail.outbox[0].body


def test_a_partnership_cannot_be_decided_twice(stella, acme_application):
    services.partnership_decide(partnership=acme_application, actor=stella, approve=True)
    with pytest.raises(ValidationError) as info:
        services.partnership_decide(partnership=acme_application, actor=stella, approve=False, reason="x")
    assert info.value.code == "decided"


@pytest.mark.parametrize("who", ["bob", "mia", "sven", "acme_rep"])
def test_only_the_hubs_leads_decide_partnerships(request, who, acme_application):
    actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        services.partnership_decide(partnership=acme_application, actor=actor, approve=True)
    acme_application.refresh_from_db()
    assert acme_application.status == PENDING


# Working groups ------------------------------------------------------------------------


def test_a_steward_creates_a_working_group_and_its_lead_becomes_its_first_member(oslo, stella, mia):
    group = services.working_group_create(
        hub=oslo, actor=stella, name="Mobility & Streets", theme="Transport", lead=mia
    )

    group.refresh_from_db()
    assert group.slug == "mobility-streets"
    assert group.lead == mia
    assert list(group.members.all()) == [mia]


def test_two_groups_with_the_same_name_get_different_slugs(oslo, stella):
    first = services.working_group_create(hub=oslo, actor=stella, name="Food")
    second = services.working_group_create(hub=oslo, actor=stella, name="Food")
    assert (first.slug, second.slug) == ("food", "food-2")
    assert second.members.count() == 0


@pytest.mark.parametrize("lead_name", ["vic", "sven", "pending"])
def test_the_lead_must_be_an_approved_member_of_the_hub(request, oslo, stella, lead_name):
    if lead_name == "pending":
        lead = MembershipFactory(hub=oslo, status=PENDING).user
    else:
        lead = request.getfixturevalue(lead_name)

    with pytest.raises(ValidationError) as info:
        services.working_group_create(hub=oslo, actor=stella, name="Food", lead=lead)

    assert "lead" in info.value.message_dict
    assert not WorkingGroup.objects.filter(name="Food").exists()


@pytest.mark.parametrize("who", ["bob", "mia", "vic", "sven"])
def test_only_the_hubs_leads_create_working_groups(request, oslo, who):
    actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        services.working_group_create(hub=oslo, actor=actor, name="Food")
    assert not WorkingGroup.objects.exists()


def test_the_group_lead_edits_the_description_but_keeps_the_lead(climate_group, walter):
    services.working_group_update(
        group=climate_group,
        actor=walter,
        name="Climate",
        theme="Energy",
        description="We meet on Mondays.",
        lead=walter,
    )
    climate_group.refresh_from_db()
    assert (climate_group.theme, climate_group.description) == ("Energy", "We meet on Mondays.")


def test_only_stewards_change_who_leads_a_group(climate_group, walter, mia):
    with pytest.raises(PermissionDenied):
        services.working_group_update(
            group=climate_group, actor=walter, name="Climate", theme="", description="", lead=mia
        )
    climate_group.refresh_from_db()
    assert climate_group.lead == walter


def test_a_steward_appoints_a_new_lead_who_joins_the_group(climate_group, stella, mia):
    services.working_group_update(
        group=climate_group, actor=stella, name="Climate", theme="", description="", lead=mia
    )
    climate_group.refresh_from_db()
    assert climate_group.lead == mia
    assert climate_group.members.filter(pk=mia.pk).exists()


def test_a_new_lead_must_be_an_approved_member(climate_group, stella, vic):
    with pytest.raises(ValidationError):
        services.working_group_update(
            group=climate_group, actor=stella, name="Climate", theme="", description="", lead=vic
        )
    climate_group.refresh_from_db()
    assert climate_group.lead != vic


@pytest.mark.parametrize("who", ["mia", "bob", "vic", "sven"])
def test_people_who_neither_lead_the_group_nor_the_hub_cannot_edit_it(request, climate_group, walter, who):
    actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        services.working_group_update(
            group=climate_group, actor=actor, name="Hijacked", theme="", description="", lead=walter
        )
    climate_group.refresh_from_db()
    assert climate_group.name == "Climate"


def test_a_member_joins_a_working_group(climate_group, mia):
    services.working_group_join(group=climate_group, user=mia)
    assert climate_group.members.filter(pk=mia.pk).exists()


def test_a_member_cannot_join_the_same_group_twice(climate_group, mia):
    services.working_group_join(group=climate_group, user=mia)
    with pytest.raises(ValidationError) as info:
        services.working_group_join(group=climate_group, user=mia)
    assert info.value.code == "duplicate"
    assert WorkingGroupMember.objects.filter(group=climate_group, user=mia).count() == 1


@pytest.mark.parametrize("who", ["vic", "sven", "pending"])
def test_people_who_are_not_approved_members_of_the_hub_cannot_join(request, oslo, climate_group, who):
    if who == "pending":
        user = MembershipFactory(hub=oslo, status=PENDING).user
    else:
        user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        services.working_group_join(group=climate_group, user=user)
    assert not climate_group.members.filter(pk=user.pk).exists()


def test_a_member_leaves_a_working_group(climate_group, mia):
    services.working_group_join(group=climate_group, user=mia)
    services.working_group_leave(group=climate_group, user=mia)
    assert not climate_group.members.filter(pk=mia.pk).exists()


def test_leaving_a_group_you_are_not_in_is_an_error(climate_group, mia):
    with pytest.raises(ValidationError) as info:
        services.working_group_leave(group=climate_group, user=mia)
    assert info.value.code == "not_member"


def test_the_lead_cannot_leave_their_group(climate_group, walter):
    with pytest.raises(ValidationError) as info:
        services.working_group_leave(group=climate_group, user=walter)
    assert info.value.code == "lead"
    assert climate_group.members.filter(pk=walter.pk).exists()


@pytest.mark.parametrize("who", ["walter", "stella"])
def test_the_lead_or_a_steward_removes_someone_from_the_group(request, climate_group, mia, who):
    services.working_group_join(group=climate_group, user=mia)
    services.working_group_remove_member(group=climate_group, actor=request.getfixturevalue(who), user=mia)
    assert not climate_group.members.filter(pk=mia.pk).exists()


def test_nobody_removes_the_lead_before_appointing_a_new_one(climate_group, stella, walter):
    with pytest.raises(ValidationError):
        services.working_group_remove_member(group=climate_group, actor=stella, user=walter)
    assert climate_group.members.filter(pk=walter.pk).exists()


@pytest.mark.parametrize("who", ["bob", "sven"])
def test_others_cannot_remove_people_from_a_group(request, climate_group, mia, who):
    services.working_group_join(group=climate_group, user=mia)
    with pytest.raises(PermissionDenied):
        services.working_group_remove_member(
            group=climate_group, actor=request.getfixturevalue(who), user=mia
        )
    assert climate_group.members.filter(pk=mia.pk).exists()


def test_leaving_a_hub_leaves_its_working_groups_and_their_leadership(oslo, climate_group, walter):
    membership = Membership.objects.get(hub=oslo, user=walter)
    services.membership_leave(membership=membership, actor=walter)
    climate_group.refresh_from_db()
    assert climate_group.lead is None
    assert not climate_group.members.exists()
    assert not Membership.objects.filter(hub=oslo, user=walter).exists()


def test_nobody_can_make_someone_else_leave_a_hub(oslo, stella, mia):
    with pytest.raises(PermissionDenied):
        services.membership_leave(membership=Membership.objects.get(hub=oslo, user=mia), actor=stella)
    assert Membership.objects.filter(hub=oslo, user=mia).exists()


# Hub settings --------------------------------------------------------------------------


def test_a_steward_changes_the_hubs_settings(oslo, stella):
    services.hub_update(hub=oslo, actor=stella, tagline="Byen vår", accepts_partners=False)
    oslo.refresh_from_db()
    assert (oslo.tagline, oslo.accepts_partners) == ("Byen vår", False)


@pytest.mark.parametrize("who", ["bob", "mia", "sven"])
def test_only_the_hubs_leads_change_its_settings(request, oslo, who):
    with pytest.raises(PermissionDenied):
        services.hub_update(hub=oslo, actor=request.getfixturevalue(who), name="Taken over")
    oslo.refresh_from_db()
    assert oslo.name == "Pådriv Oslo"


def test_the_address_of_a_hub_cannot_be_changed_through_settings(oslo, stella):
    with pytest.raises(ValueError):
        services.hub_update(hub=oslo, actor=stella, slug="admin")
    oslo.refresh_from_db()
    assert oslo.slug == "oslo"


# Profiles and competences --------------------------------------------------------------


def test_giving_consent_records_when_it_was_given(mia):
    before = timezone.now()
    profile = account_services.profile_update(
        user=mia, consent_public_profile=True, consent_public_contact=True, headline="Planner"
    )
    profile.refresh_from_db()
    assert profile.consent_public_profile and profile.consent_public_contact
    assert profile.consent_public_profile_at >= before
    assert profile.consent_public_contact_at >= before
    assert profile.headline == "Planner"


def test_saving_again_keeps_the_time_consent_was_first_given(mia):
    first = account_services.profile_update(user=mia, consent_public_profile=True)
    given_at = first.consent_public_profile_at

    account_services.profile_update(user=mia, consent_public_profile=True, headline="Changed")

    mia.profile.refresh_from_db()
    assert mia.profile.consent_public_profile_at == given_at


def test_withdrawing_consent_clears_its_timestamp(mia):
    account_services.profile_update(user=mia, consent_public_profile=True, consent_public_contact=True)

    account_services.profile_update(user=mia, consent_public_profile=False, consent_public_contact=False)

    mia.profile.refresh_from_db()
    assert not mia.profile.consent_public_profile
    assert mia.profile.consent_public_profile_at is None
    assert not mia.profile.consent_public_contact
    assert mia.profile.consent_public_contact_at is None


def test_a_profile_update_sets_name_and_competences(mia):
    planning = CompetenceFactory(slug="urban-planning")
    account_services.profile_update(user=mia, name="Mia Renamed", competences=[planning])
    mia.refresh_from_db()
    assert mia.name == "Mia Renamed"
    assert list(mia.profile.competences.all()) == [planning]


def test_a_profile_update_refuses_unknown_fields(mia):
    with pytest.raises(ValueError):
        account_services.profile_update(user=mia, consent_public_profile_at=timezone.now())


def test_an_invalid_contact_email_is_refused(mia):
    with pytest.raises(ValidationError):
        account_services.profile_update(user=mia, contact_email="not an address")
    mia.profile.refresh_from_db()
    assert mia.profile.contact_email == ""


@pytest.mark.parametrize("who", ["stella", "nora", "root"])
def test_stewards_network_leads_and_superusers_curate_competences(request, who):
    competence = account_services.competence_save(
        actor=request.getfixturevalue(who), slug="gis", name_en="GIS", name_nb="GIS", name_sv="GIS"
    )
    assert Competence.objects.get(slug="gis") == competence


@pytest.mark.parametrize("who", ["bob", "mia", "vic", "petra"])
def test_other_people_cannot_change_the_list_of_competences(request, who):
    actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        account_services.competence_save(actor=actor, slug="gis", name_en="GIS", name_nb="GIS", name_sv="GIS")
    assert not Competence.objects.filter(slug="gis").exists()

    existing = CompetenceFactory(slug="law")
    with pytest.raises(PermissionDenied):
        account_services.competence_delete(actor=actor, competence=existing)
    assert Competence.objects.filter(slug="law").exists()


def test_a_steward_who_is_only_pending_cannot_curate_competences(oslo):
    hopeful = MembershipFactory(hub=oslo, status=PENDING, is_steward=True).user
    with pytest.raises(PermissionDenied):
        account_services.competence_save(actor=hopeful, slug="gis", name_en="G", name_nb="G", name_sv="G")
