"""Results and progress reports: validation (nothing saved on bad input), publishing, evidence,
photos, and closing the loop (everyone who took part told once)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from PIL import Image

from apps.audit.models import AuditEntry
from apps.events.models import Event, Registration
from apps.funding.models import Campaign, Pledge
from apps.initiatives.models import Follow
from apps.knowledge.models import Indicator, Observation
from apps.notifications.models import Notification
from apps.participation.models import Comment, Idea, Support
from apps.partners.models import Partner
from apps.places.models import Area, AreaLevel
from apps.results import selectors, services
from apps.results.models import Evidence, ProgressReport, ReportPhoto, Result
from apps.surveys.models import Ballot, Concept, ConceptVote, Response, Survey
from tests.factories import OrganisationFactory, RepresentativeFactory, UserFactory
from tests.results.conftest import image_file, pdf_file

pytestmark = pytest.mark.django_db


def _result(oslo, benches, actor, **overrides):
    data = {
        "hub": oslo,
        "initiative": benches,
        "actor": actor,
        "title": "Tolv benker",
        "indicator_name": "Benker",
        "unit": "stk",
        "baseline": "0",
        "target": "12",
        "target_date": date(2026, 9, 1),
    }
    data.update(overrides)
    return services.result_create(**data)


def _errors(exc):
    return {field: [e.code for e in errors] for field, errors in exc.value.error_dict.items()}


def test_own_indicator_result_is_a_draft(oslo, benches, olga):
    result = _result(oslo, benches, olga, baseline="1 500,25")
    assert result.status == "draft"
    assert result.baseline == Decimal("1500.25")
    assert result.indicator is None and result.indicator_label == "Benker"


def test_knowledge_indicator_reads_the_initiatives_area(green_result, gamle, green):
    assert green_result.indicator == green
    assert green_result.area == gamle
    assert green_result.indicator_label == "Green space"
    assert green_result.unit_label == "%"


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"target_date": date(1999, 12, 31)}, "target_date", "out_of_range"),
        ({"target_date": date(2101, 1, 1)}, "target_date", "out_of_range"),
        ({"target": "tolv"}, "target", "invalid"),
        ({"baseline": "NaN"}, "baseline", "invalid"),
        ({"baseline": "Infinity"}, "baseline", "invalid"),
        ({"target": "1e20"}, "target", "too_large"),
        ({"target": "1.123456"}, "target", "decimals"),
        ({"target": ""}, "target", "required"),
        ({"title": "  "}, "title", "required"),
        ({"indicator_name": ""}, "indicator_name", "required"),
    ],
)
def test_bad_input_saves_nothing(oslo, benches, olga, overrides, field, code):
    with pytest.raises(ValidationError) as exc:
        _result(oslo, benches, olga, **overrides)
    assert _errors(exc)[field] == [code]
    assert Result.objects.count() == 0


def test_indicator_of_another_hub_is_refused(oslo, sodertorn, benches, olga):
    foreign = Indicator.objects.create(
        hub=sodertorn, code="green_share", name_en="Green", category="ecological"
    )
    with pytest.raises(ValidationError) as exc:
        _result(oslo, benches, olga, indicator=foreign, indicator_name="")
    assert _errors(exc) == {"indicator": ["other_hub"]}
    assert Result.objects.count() == 0


def test_indicator_without_data_for_the_area_is_refused(oslo, benches, olga, empty_indicator, gamle, level):
    # Data elsewhere does not count: only the initiative's own area.
    other = Area.objects.create(hub=oslo, level=level, code="030102", name="Grünerløkka")
    Observation.objects.create(indicator=empty_indicator, area=other, year=2020, value=50)
    with pytest.raises(ValidationError) as exc:
        _result(oslo, benches, olga, indicator=empty_indicator, indicator_name="")
    assert _errors(exc) == {"indicator": ["no_data"]}
    assert "Gamle Oslo" in exc.value.error_dict["indicator"][0].messages[0]
    assert Result.objects.count() == 0


def test_indicator_needs_an_area(oslo, benches, olga, green):
    benches.area = None
    benches.save()
    with pytest.raises(ValidationError) as exc:
        _result(oslo, benches, olga, indicator=green, indicator_name="")
    assert _errors(exc) == {"indicator": ["no_area"]}


def test_hub_result_with_indicator_needs_an_area_of_its_hub(oslo, stella, green, gamle, sodertorn):
    with pytest.raises(ValidationError) as exc:
        _result(oslo, None, stella, indicator=green, indicator_name="")
    assert _errors(exc) == {"area": ["required"]}
    level = AreaLevel.objects.create(hub=sodertorn, slug="kommun", name="Kommun")
    foreign = Area.objects.create(hub=sodertorn, level=level, code="0127", name="Botkyrka")
    with pytest.raises(ValidationError) as exc:
        _result(oslo, None, stella, indicator=green, indicator_name="", area=foreign)
    assert _errors(exc) == {"area": ["other_hub"]}
    result = _result(oslo, None, stella, indicator=green, indicator_name="", area=gamle)
    assert result.initiative is None and result.area == gamle


def test_outsiders_cannot_add_results(oslo, benches, mia, sven, vic):
    for person in (mia, sven, vic):
        with pytest.raises(PermissionDenied):
            _result(oslo, benches, person)
    assert Result.objects.count() == 0


def test_initiative_of_another_hub_is_refused(sodertorn, benches, olga):
    with pytest.raises(ValidationError):
        _result(sodertorn, benches, olga)


def test_update_and_status(own_result, olga, mia):
    services.result_update(
        result=own_result,
        actor=olga,
        title="Femten benker",
        indicator_name="Benker",
        baseline="0",
        target="15",
        target_date=date(2027, 1, 1),
    )
    own_result.refresh_from_db()
    assert own_result.target == Decimal("15")
    with pytest.raises(ValidationError):
        services.result_update(
            result=own_result,
            actor=olga,
            title="x",
            indicator_name="B",
            baseline="0",
            target="x",
            target_date=date(2027, 1, 1),
        )
    own_result.refresh_from_db()
    assert own_result.title == "Femten benker"
    with pytest.raises(PermissionDenied):
        services.result_set_status(result=own_result, actor=mia, status="draft")
    services.result_set_status(result=own_result, actor=olga, status="draft")
    own_result.refresh_from_db()
    assert own_result.status == "draft"


# Reports -----------------------------------------------------------------------------------------


def test_report_with_value_and_latest(oslo, benches, olga, own_result, tom):
    first = services.report_create(
        hub=oslo,
        initiative=benches,
        actor=olga,
        title="Fire benker",
        text="**Fire** er på plass",
        result=own_result,
        value="4",
        measured_on=date(2026, 5, 1),
    )
    second = services.report_create(
        hub=oslo,
        initiative=benches,
        actor=tom,
        title="Åtte",
        text="Åtte nå",
        result=own_result,
        value="8",
        measured_on=date(2026, 6, 1),
    )
    services.report_publish(report=first, actor=olga)
    [result] = selectors.results_for(hub=oslo, initiative=benches, user=olga)
    assert result.latest == first and result.progress == 33
    services.report_publish(report=second, actor=olga)
    [result] = selectors.results_for(hub=oslo, initiative=benches, user=olga)
    assert result.latest == second and result.current_display == "8" and result.progress == 67


def test_report_value_without_result_or_bad_is_refused(oslo, benches, olga, own_result):
    with pytest.raises(ValidationError) as exc:
        services.report_create(hub=oslo, initiative=benches, actor=olga, title="T", text="x", value="3")
    assert _errors(exc) == {"result": ["required"]}
    with pytest.raises(ValidationError) as exc:
        services.report_create(
            hub=oslo, initiative=benches, actor=olga, title="T", text="x", result=own_result, value="tre"
        )
    assert _errors(exc) == {"value": ["invalid"]}
    with pytest.raises(ValidationError) as exc:
        services.report_create(
            hub=oslo,
            initiative=benches,
            actor=olga,
            title="T",
            text="x",
            result=own_result,
            value="3",
            measured_on=date(1990, 1, 1),
        )
    assert _errors(exc) == {"measured_on": ["out_of_range"]}
    with pytest.raises(ValidationError) as exc:
        services.report_create(
            hub=oslo, initiative=benches, actor=olga, title="T", text="x", evidence_url="javascript:alert(1)"
        )
    assert _errors(exc) == {"evidence_url": ["invalid"]}
    assert ProgressReport.objects.count() == 0


def test_report_for_a_result_of_another_initiative_is_refused(oslo, benches, olga, stella, own_result):
    with pytest.raises(ValidationError) as exc:
        services.report_create(hub=oslo, actor=stella, title="T", text="x", result=own_result, value="1")
    assert _errors(exc) == {"result": ["other_scope"]}


def test_progress_report_tells_followers(oslo, benches, olga, mia):
    Follow.objects.create(initiative=benches, user=mia)
    report = services.report_create(hub=oslo, initiative=benches, actor=olga, title="Status", text="Bra")
    assert Notification.objects.count() == 0  # a draft tells no one
    assert services.report_publish(report=report, actor=olga) == 1
    assert Notification.objects.get().recipient == mia
    assert not AuditEntry.objects.filter(action="results.final_report").exists()
    with pytest.raises(ValidationError):
        services.report_publish(report=report, actor=olga)
    assert Notification.objects.count() == 1


def test_only_one_final_report(oslo, benches, olga):
    services.report_create(
        hub=oslo, initiative=benches, actor=olga, title="Slutt", text="Ferdig", is_final=True
    )
    with pytest.raises(ValidationError) as exc:
        services.report_create(
            hub=oslo, initiative=benches, actor=olga, title="Igjen", text="x", is_final=True
        )
    assert _errors(exc) == {"is_final": ["duplicate"]}


def test_hub_has_no_final_report(oslo, stella):
    with pytest.raises(ValidationError) as exc:
        services.report_create(hub=oslo, actor=stella, title="Slutt", text="x", is_final=True)
    assert _errors(exc) == {"is_final": ["hub_final"]}


def test_published_report_cannot_be_deleted(oslo, benches, olga):
    report = services.report_create(hub=oslo, initiative=benches, actor=olga, title="S", text="x")
    services.report_publish(report=report, actor=olga)
    with pytest.raises(ValidationError):
        services.report_delete(report=report, actor=olga)
    draft = services.report_create(hub=oslo, initiative=benches, actor=olga, title="D", text="x")
    services.report_delete(report=draft, actor=olga)
    assert list(ProgressReport.objects.all()) == [report]


# Evidence and photos -------------------------------------------------------------------------


def test_evidence_is_private_and_checked(oslo, benches, olga, settings):
    report = services.report_create(hub=oslo, initiative=benches, actor=olga, title="S", text="x")
    document = services.evidence_add(report=report, actor=olga, file=pdf_file(), name="Telling")
    assert document.content_type == "application/pdf"
    assert str(settings.PRIVATE_MEDIA_ROOT) in document.file.path
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("x.pdf", b"<html><script>alert(1)</script>", content_type="application/pdf")
    with pytest.raises(ValidationError) as exc:
        services.evidence_add(report=report, actor=olga, file=fake)
    assert _errors(exc) == {"file": ["file_type"]}
    assert Evidence.objects.count() == 1


def test_photo_is_reencoded_without_metadata(oslo, benches, olga, mia):
    report = services.report_create(hub=oslo, initiative=benches, actor=olga, title="S", text="x")
    photo = services.photo_add(
        report=report, actor=olga, image=image_file(size=(3000, 1500)), alt_text="En benk"
    )
    assert (photo.width, photo.height) == (2400, 1200)
    with Image.open(photo.image.path) as stored:
        assert not stored.info.get("exif")
    with pytest.raises(ValidationError) as exc:
        services.photo_add(report=report, actor=olga, image=image_file(), alt_text=" ")
    assert _errors(exc) == {"alt_text": ["alt"]}
    with pytest.raises(PermissionDenied):
        services.photo_add(report=report, actor=mia, image=image_file(), alt_text="x")
    assert ReportPhoto.objects.count() == 1


# Closing the loop ----------------------------------------------------------------------------


@pytest.fixture
def took_part(oslo, benches):
    """Seven people who took part in the bench initiative, several of them in many ways, and
    one who took part in another initiative only."""
    people = {
        name: UserFactory(name=name)
        for name in ("ida", "carl", "vera", "sara", "eve", "finn", "sam", "pia", "rolf")
    }
    idea = Idea.objects.create(hub=oslo, initiative=benches, author=people["ida"], title="Benk", body="Ja")
    Comment.objects.create(idea=idea, author=people["carl"], body="Enig")
    Comment.objects.create(idea=idea, author=people["ida"], body="Takk")
    Support.objects.create(idea=idea, user=people["carl"])
    vote = ConceptVote.objects.create(hub=oslo, initiative=benches, title="Hvilken benk?")
    concept = Concept.objects.create(vote=vote, title="A")
    Ballot.objects.create(vote=vote, voter=people["vera"], concept=concept)
    Ballot.objects.create(
        vote=ConceptVote.objects.create(hub=oslo, initiative=benches, title="2"),
        voter=people["ida"],
        concept=Concept.objects.create(vote=vote, title="B"),
    )
    survey = Survey.objects.create(hub=oslo, initiative=benches, title="Hva synes du?")
    Response.objects.create(survey=survey, respondent=people["sara"])
    Response.objects.create(survey=survey, respondent=people["vera"])
    start = timezone.now() - timedelta(days=30)
    event = Event.objects.create(
        hub=oslo, initiative=benches, title="Dugnad", starts_at=start, ends_at=start + timedelta(hours=3)
    )
    Registration.objects.create(event=event, user=people["eve"], status="confirmed", position=1)
    Registration.objects.create(event=event, user=people["ida"], status="confirmed", position=2)
    Registration.objects.create(event=event, user=people["sam"], status="cancelled", position=3)
    Follow.objects.create(initiative=benches, user=people["finn"])
    Follow.objects.create(initiative=benches, user=people["eve"])
    campaign = Campaign.objects.create(hub=oslo, initiative=benches, goal="1000", deadline=start.date())
    Pledge.objects.create(campaign=campaign, user=people["pia"], amount="100")
    Pledge.objects.create(campaign=campaign, user=people["ida"], amount="50")
    # Rolf represents a partner organisation of the initiative.
    sirkel = OrganisationFactory(name="Sirkel")
    RepresentativeFactory(organisation=sirkel, user=people["rolf"])
    Partner.objects.create(hub=oslo, initiative=benches, organisation=sirkel)
    # Someone in another initiative and a hub-wide idea: not told.
    Idea.objects.create(hub=oslo, author=people["sam"], title="Annet", body="x")
    return people


def test_participants_distinct_one_query_per_source(benches, took_part, django_assert_num_queries):
    with django_assert_num_queries(len(selectors.PARTICIPANT_SOURCES) + 1):
        people = selectors.participants(benches)
    names = [u.name for u in people]
    assert sorted(names) == sorted(["ida", "carl", "vera", "sara", "eve", "finn", "pia", "rolf"])
    assert len(names) == len(set(names))


def test_final_report_tells_each_participant_once(oslo, benches, olga, took_part, stella):
    Follow.objects.create(initiative=benches, user=olga)  # the one who publishes is not told
    report = services.report_create(
        hub=oslo,
        initiative=benches,
        actor=olga,
        title="Det ble tolv benker",
        text="Takk alle!",
        is_final=True,
    )
    told = services.report_publish(report=report, actor=olga)
    assert told == 8
    recipients = list(Notification.objects.values_list("recipient__name", flat=True))
    assert sorted(recipients) == sorted(["ida", "carl", "vera", "sara", "eve", "finn", "pia", "rolf"])
    note = Notification.objects.get(recipient=took_part["ida"])
    assert "Benker av gjenbrukt tre" in note.title and note.url == report.get_absolute_url()
    entry = AuditEntry.objects.get(action="results.final_report")
    assert entry.data == {"initiative": benches.pk, "told": 8} and entry.actor == olga
    report.refresh_from_db()
    assert report.participants_told == 8 and report.status == "published"
    with pytest.raises(ValidationError):
        services.report_publish(report=report, actor=stella)
    assert Notification.objects.count() == 8
    assert AuditEntry.objects.filter(action="results.final_report").count() == 1


def test_refused_final_report_records_nothing(oslo, benches, olga, took_part, mia):
    report = services.report_create(
        hub=oslo, initiative=benches, actor=olga, title="Slutt", text="x", is_final=True
    )
    with pytest.raises(PermissionDenied):
        services.report_publish(report=report, actor=mia)
    assert Notification.objects.count() == 0
    assert not AuditEntry.objects.exists()
