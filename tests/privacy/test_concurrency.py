"""At once: eight invitations of one address leave one open invitation; eight deletions of one
account delete it once; eight archive requests of a big account build one archive."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.accounts.models import User
from apps.initiatives import services as initiative_services
from apps.initiatives.models import Initiative, TeamInvitation
from apps.privacy import services
from apps.privacy.models import DataArchive
from tests.factories import HubFactory, MembershipFactory, UserFactory
from tests.hubs.test_concurrency import at_once

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def owner():
    hub = HubFactory(slug="oslo")
    user = MembershipFactory(hub=hub, user=UserFactory(email="owner@example.org")).user
    Initiative.objects.create(hub=hub, slug="gard", title="Gård", owner=user)
    return user


def test_eight_invitations_of_one_address_leave_one_open(owner):
    initiative = Initiative.objects.get(slug="gard")
    outcomes = at_once(
        lambda i: initiative_services.team_invite(
            initiative=Initiative.objects.get(pk=initiative.pk),
            actor=User.objects.get(pk=owner.pk),
            email="Someone@Example.org",
        )
    )
    assert all(isinstance(o, TeamInvitation) for o in outcomes), outcomes
    assert TeamInvitation.objects.filter(accepted_at__isnull=True).count() == 1


def test_eight_deletions_of_one_account_delete_it_once(owner):
    person = MembershipFactory(hub=owner.memberships.get().hub, user=UserFactory(email="p@example.org")).user
    outcomes = at_once(
        lambda i: services.account_delete(
            user=User.objects.get(pk=person.pk), actor=User.objects.get(pk=person.pk)
        )
    )
    wins = [o for o in outcomes if isinstance(o, User)]
    losses = [o for o in outcomes if isinstance(o, BaseException)]
    assert len(wins) == 1, outcomes
    # Each other request is refused, whichever way the race went: one that read the account
    # before the first deletion committed waits on the row lock and is told it is already
    # deleted; one that read it after is a former participant's, who may do nothing.
    assert len(losses) == 7 and all(isinstance(o, ValidationError | PermissionDenied) for o in losses), losses
    from apps.audit.models import AuditEntry

    assert AuditEntry.objects.filter(action="privacy.account_delete").count() == 1


def test_eight_requests_of_a_big_archive_build_one(owner, settings):
    settings.PRIVACY_ARCHIVE_INLINE_MAX_ROWS = 0
    outcomes = at_once(
        lambda i: services.archive_request(
            user=User.objects.get(pk=owner.pk), actor=User.objects.get(pk=owner.pk)
        )
    )
    assert all(isinstance(o, DataArchive) for o in outcomes), outcomes
    assert DataArchive.objects.count() == 1
