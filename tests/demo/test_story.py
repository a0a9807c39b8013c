"""The demo tells one true story (issue 13): status, process phase and participation agree; the
showcase can be tried at once by a demo visitor; each hub speaks its own language; and there are
pictures. The demo is seeded once for the whole module (it is slow)."""

import re
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from apps.accounts.models import Profile, User
from apps.events.models import Event, Registration
from apps.goals.models import HubGoal, LocalTarget
from apps.hubs.models import Hub, Membership, Partnership, WorkingGroup
from apps.initiatives.models import Initiative, InitiativeImage, InitiativeUpdate
from apps.mapinput.demo import CLUSTERS
from apps.mapinput.models import MapMark, MarkSettings
from apps.participation.spaces import Space
from apps.processes.models import PhaseRun, PhaseStatus, ProcessRun
from apps.results.models import ProgressReport
from apps.surveys.models import Ballot, ConceptVote, Response, Survey
from tests.conftest import clock_start, restore_migration_data

SHOWCASE = "gronn-gardsplass-pa-toyen"
VISITOR = "member@oslo.demo"
# The phase of the Stedskaping template in which the concepts are put to the vote.
VOTE_PHASE = ("stedskaping-6-6", 2)

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    """The whole demo, seeded once at the tests' clock; the database is emptied afterwards."""
    with django_db_blocker.unblock():
        with time_machine.travel(clock_start(), tick=True):
            call_command("seed_demo", stdout=StringIO())
        yield
        call_command("flush", interactive=False, verbosity=0)
        restore_migration_data()  # the tests after this module expect a migrated database


# Common English words that are not also common Norwegian or Swedish words.
ENGLISH = {"the", "and", "with", "our", "we", "is", "are", "will", "this", "that", "which", "you", "your"}


def english_words(text: str) -> set[str]:
    return ENGLISH & set(re.findall(r"[a-z]+", text.lower()))


def looks_english(text: str) -> bool:
    return len(english_words(text)) >= 2


def hub_texts(slug: str) -> list[str]:
    hub = Hub.objects.get(slug=slug)
    texts = [hub.tagline, hub.description]
    for group in WorkingGroup.objects.filter(hub=hub):
        texts += [group.name, group.theme, group.description]
    members = Membership.objects.filter(hub=hub, user__email__endswith=f"@{slug}.demo")
    texts += list(Profile.objects.filter(user__memberships__in=members).values_list("headline", flat=True))
    for goal in HubGoal.objects.filter(hub=hub):
        texts += [goal.title, goal.description, goal.baseline]
    for target in LocalTarget.objects.filter(hub=hub):
        texts += [target.title, target.measure]
    for initiative in Initiative.objects.filter(hub=hub):
        texts += [initiative.title, initiative.summary, initiative.description]
    for update in InitiativeUpdate.objects.filter(initiative__hub=hub):
        texts += [update.title, update.body]
    from apps.followup.models import Task
    from apps.partners.models import Commitment

    texts += list(Task.objects.filter(hub=hub).values_list("title", flat=True))
    texts += list(Partnership.objects.filter(hub=hub).values_list("contribution", flat=True))
    texts += list(Commitment.objects.filter(partner__hub=hub).values_list("description", flat=True))
    return [t for t in texts if t]


def test_the_oslo_hub_speaks_norwegian():
    english = [t for t in hub_texts("oslo") if looks_english(t)]
    assert english == []


def test_the_sodertorn_hub_speaks_swedish():
    english = [t for t in hub_texts("sodertorn") if looks_english(t)]
    assert english == []
    # Indicators and levels have Swedish names.
    from apps.knowledge.models import Indicator
    from apps.places.models import AreaLevel

    assert not Indicator.objects.filter(hub__slug="sodertorn", name_sv="").exists()
    assert set(AreaLevel.objects.filter(hub__slug="sodertorn").values_list("name_plural", flat=True)) >= {
        "Kommuner",
        "Basområden",
    }


def test_the_heuristic_catches_english():
    assert looks_english("Premises for meetings, and staff time. We will help.")
    assert not looks_english("Lokaler til møter, og tid fra de ansatte.")
    assert not looks_english("Vi hjälper till med lokaler och tid.")


def phases(initiative: Initiative) -> list[PhaseRun]:
    run = ProcessRun.objects.get(initiative=initiative)
    return list(run.phases.order_by("position"))


def test_every_finished_initiative_is_finished_everywhere():
    completed = list(Initiative.objects.filter(status=Initiative.Status.COMPLETED))
    assert {i.hub.slug for i in completed} == {"oslo", "sodertorn"}
    now = timezone.now()
    for initiative in completed:
        assert all(p.status == PhaseStatus.CLOSED for p in phases(initiative)), initiative.slug
        assert ProgressReport.objects.filter(
            initiative=initiative, is_final=True, published_at__isnull=False
        ).exists(), initiative.slug
        assert Event.objects.filter(initiative=initiative, ends_at__lt=now).exists(), initiative.slug


def test_an_initiative_in_its_vote_phase_has_its_vote_open():
    key, position = VOTE_PHASE
    in_vote_phase = Initiative.objects.filter(
        process_runs__template_key=key,
        process_runs__phases__position=position,
        process_runs__phases__status=PhaseStatus.CURRENT,
    ).distinct()
    assert in_vote_phase.exists()
    for initiative in in_vote_phase:
        votes = ConceptVote.objects.filter(**Space(hub=initiative.hub, initiative=initiative).filter())
        assert any(vote.is_accepting() for vote in votes), initiative.slug
    # And no vote is open for an initiative that is past or before that phase.
    for vote in ConceptVote.objects.filter(initiative__isnull=False):
        if vote.is_accepting():
            current = PhaseRun.objects.get(run__initiative=vote.initiative, status=PhaseStatus.CURRENT)
            assert (current.run.template_key, current.position) == VOTE_PHASE


def test_a_paused_or_completed_initiative_is_not_late():
    today = timezone.localdate()
    late = PhaseRun.objects.filter(
        status=PhaseStatus.CURRENT,
        due_on__lt=today,
        run__initiative__status__in=[Initiative.Status.COMPLETED, Initiative.Status.PAUSED],
    )
    assert not late.exists()


def test_the_showcase_can_be_tried_at_once():
    showcase = Initiative.objects.get(hub__slug="oslo", slug=SHOWCASE)
    space = Space(hub=showcase.hub, initiative=showcase)
    visitor = User.objects.get(email=VISITOR)
    residents = list(User.objects.filter(email__startswith="resident", email__endswith="@oslo.demo"))
    assert len(residents) >= 30

    # An open map with categories, and marks in it.
    settings = MarkSettings.objects.get(**space.filter())
    assert settings.is_open() and settings.categories.count() >= 4
    assert MapMark.objects.filter(settings=settings).count() >= 100

    # An open survey and an open vote the visitor and most residents have not answered.
    surveys = [s for s in Survey.objects.filter(**space.filter()) if s.is_accepting()]
    votes = [v for v in ConceptVote.objects.filter(**space.filter()) if v.is_accepting()]
    assert surveys and votes
    for survey in surveys:
        answered = set(Response.objects.filter(survey=survey).values_list("respondent_id", flat=True))
        assert visitor.pk not in answered
        assert sum(r.pk in answered for r in residents) < len(residents) / 2
    for vote in votes:
        voted = set(Ballot.objects.filter(vote=vote).values_list("voter_id", flat=True))
        assert visitor.pk not in voted
        assert sum(r.pk in voted for r in residents) < len(residents) / 2
        # People vote on designs they can see.
        assert all(concept.image and concept.image_alt for concept in vote.concepts.all())

    # An event to come with places left.
    coming = Event.objects.filter(initiative=showcase, starts_at__gt=timezone.now(), capacity__isnull=False)
    assert any(
        Registration.objects.filter(event=e, status=Registration.Status.CONFIRMED).count() < e.capacity
        for e in coming
    )


def test_the_showcase_marks_gather_in_clusters_with_fitting_comments():
    showcase = Initiative.objects.get(hub__slug="oslo", slug=SHOWCASE)
    marks = list(MapMark.objects.filter(initiative=showcase).select_related("category"))
    # Clustered: nearly every mark lies near one of a few real spots, with that spot's category
    # (an even spread over the square would put about a quarter there).
    near = 0
    for mark in marks:
        near += any(
            abs(mark.lon - lon) <= 3 * spread
            and abs(mark.lat - lat) <= 1.5 * spread
            and mark.category.position == index
            for lon, lat, spread, index, _share in CLUSTERS[SHOWCASE]
        )
    assert len(marks) >= 100 and near >= 0.8 * len(marks)
    # The comments fit their category: no traffic comment about a playground, and so on.
    fitting = {
        "Trygghet": ("mørkt", "utrygt", "alene", "skjuler"),
        "Grønt": ("trær", "plen", "dyrke", "treet", "blomster"),
        "Møteplass": ("møtes", "naboene", "benker", "langbord"),
        "Trafikk": ("bil", "fort", "gangfelt", "sykkel", "varebil"),
    }
    for mark in marks:
        if mark.comment:
            words = fitting[mark.category.name]
            assert any(w in mark.comment.lower() for w in words), (mark.category.name, mark.comment)


def test_initiatives_and_concepts_have_pictures():
    for initiative in Initiative.objects.filter(hub__slug__in=["oslo", "sodertorn"]).exclude(
        status=Initiative.Status.MERGED
    ):
        images = list(InitiativeImage.objects.filter(initiative=initiative))
        assert images, initiative.slug
        assert all(i.alt_text and i.width and i.width <= 2048 for i in images)
    hub = Hub.objects.get(slug="oslo")
    assert hub.image and hub.image_alt


def test_the_demo_is_still_idempotent():
    before = (Initiative.objects.count(), InitiativeImage.objects.count(), MapMark.objects.count())
    with time_machine.travel(clock_start(), tick=True):
        call_command("seed_demo", stdout=StringIO())
    assert (Initiative.objects.count(), InitiativeImage.objects.count(), MapMark.objects.count()) == before
