"""Retention of anonymous input metadata: a hub's leads set it, nobody else; the purge removes
what is older than each hub's retention, with a frozen clock."""

from datetime import datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from apps.audit.models import AuditEntry
from apps.privacy import services
from apps.privacy.models import DEFAULT_RETENTION_DAYS, RetentionSetting
from tests.factories import PASSWORD

URL = "/me/privacy/hubs/{slug}/retention/"


def login(client, user):
    assert client.login(email=user.email, password=PASSWORD)


def test_the_hubs_leads_set_the_retention_and_nobody_else(client, oslo, stella, nora, bob, mia, vic, sven):
    for user in (stella, nora):
        client.logout()
        login(client, user)
        assert client.get(URL.format(slug="oslo")).status_code == 200
    response = client.post(URL.format(slug="oslo"), {"anonymous_metadata_days": "30"})
    assert response.status_code == 302
    assert RetentionSetting.objects.get(hub=oslo).anonymous_metadata_days == 30
    assert AuditEntry.objects.filter(action="privacy.retention_set", hub=oslo).count() == 1
    for user in (bob, mia, vic, sven):  # board, member, visitor, steward of another hub
        client.logout()
        login(client, user)
        assert client.get(URL.format(slug="oslo")).status_code == 403, user
        assert client.post(URL.format(slug="oslo"), {"anonymous_metadata_days": "1"}).status_code == 403
    assert RetentionSetting.objects.get(hub=oslo).anonymous_metadata_days == 30
    client.logout()
    assert client.get(URL.format(slug="oslo")).status_code == 302


def test_the_link_is_on_the_hub_page_for_its_leads_only(client, oslo, stella, mia):
    login(client, stella)
    assert URL.format(slug="oslo") in client.get("/oslo/").content.decode()
    client.logout()
    login(client, mia)
    assert URL.format(slug="oslo") not in client.get("/oslo/").content.decode()


@pytest.mark.parametrize("days", ["0", "-3", "3651", "many", ""])
def test_bad_days_are_refused_with_a_message_and_nothing_saved(client, oslo, stella, days):
    login(client, stella)
    response = client.post(URL.format(slug="oslo"), {"anonymous_metadata_days": days})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode() or "error" in response.content.decode()
    assert not RetentionSetting.objects.exists()


def test_the_service_checks_too(oslo, sven):
    with pytest.raises(PermissionDenied):
        services.retention_set(hub=oslo, actor=sven, days=10)
    with pytest.raises(ValidationError):
        from tests.factories import UserFactory

        services.retention_set(hub=oslo, actor=UserFactory(is_superuser=True), days=0)


@pytest.mark.dates
@pytest.mark.clock("2026-11-02T09:00+01:00")
def test_the_purge_uses_each_hubs_retention(oslo, sodertorn, stella, clock):
    services.retention_set(hub=oslo, actor=stella, days=30)
    seen: list[tuple[str, datetime]] = []

    def purge_test_markers(hub, cutoff):
        seen.append((hub.slug, cutoff))
        return 2

    services.PURGES.append(purge_test_markers)
    try:
        removed = services.purge_anonymous_metadata()
    finally:
        services.PURGES.remove(purge_test_markers)
    now = datetime.fromisoformat("2026-11-02T09:00+01:00")
    cutoffs = dict(seen)
    assert abs(cutoffs["oslo"] - (now - timedelta(days=30))) < timedelta(seconds=5)
    assert abs(cutoffs["sodertorn"] - (now - timedelta(days=DEFAULT_RETENTION_DAYS))) < timedelta(seconds=5)
    assert removed["purge_test_markers"] == 4


def test_the_command_runs_and_reports(db, capsys):
    call_command("purge_anonymous_metadata")
    assert "expired_archives: 0 removed" in capsys.readouterr().out


@pytest.mark.dates
@pytest.mark.clock("2026-11-02T09:00+01:00")
def test_the_purge_forgets_old_device_markers_of_each_hub_by_its_own_retention(oslo, sodertorn, stella):
    from apps.participation.spaces import Space
    from apps.surveys.models import DeviceMarker
    from tests.surveys.conftest import make_survey

    services.retention_set(hub=oslo, actor=stella, days=30)
    now = datetime.fromisoformat("2026-11-02T09:00+01:00")
    oslo_survey = make_survey(Space(hub=oslo), title="Oslo")
    sodertorn_survey = make_survey(Space(hub=sodertorn), title="Södertörn")
    for survey in (oslo_survey, sodertorn_survey):
        for n, age in enumerate((10, 40, 200)):
            DeviceMarker.objects.create(
                survey=survey, device=f"{survey.pk}-{n}", created_at=now - timedelta(days=age)
            )

    removed = services.purge_anonymous_metadata()

    left = {
        (m.survey.hub.slug, (now - m.created_at).days)
        for m in DeviceMarker.objects.select_related("survey__hub")
    }
    # Oslo keeps 30 days; Södertörn has the default (90).
    assert left == {("oslo", 10), ("sodertorn", 10), ("sodertorn", 40)}
    assert removed["survey_device_markers"] == 3
