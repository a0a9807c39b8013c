"""Surveys and votes in Oslo: an initiative (owned by olga, with tom on its team) whose place is
a small square by the fjord, a survey with one question of each kind, and a concept vote."""

import io

import pytest
from PIL import Image

from apps.initiatives.models import Initiative
from apps.participation.spaces import Space
from apps.surveys.models import Concept, ConceptVote, Question, Status, Survey
from tests.factories import UserFactory

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[10.70, 59.90], [10.80, 59.90], [10.80, 59.95], [10.70, 59.95], [10.70, 59.90]]],
}
INSIDE = {"lon": "10.75", "lat": "59.92"}
OUTSIDE = {"lon": "11.5", "lat": "59.92"}


def png_bytes(colour: str = "#1b6a4c", size: tuple[int, int] = (40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Photos and images go to a temporary folder (private storage, like every upload)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def olga(db):
    """Owns the initiative; no office in the hub."""
    return UserFactory(email="olga@example.org", name="Olga Owner")


@pytest.fixture
def tom(db):
    """On the initiative's team; no office in the hub."""
    return UserFactory(email="tom@example.org", name="Tom Team")


@pytest.fixture
def initiative(oslo, olga, tom):
    initiative = Initiative.objects.create(
        hub=oslo, slug="gronn-gardsplass", title="Grønn gårdsplass", owner=olga, place=SQUARE
    )
    from apps.initiatives.models import TeamMember

    TeamMember.objects.create(initiative=initiative, user=tom)
    return initiative


@pytest.fixture
def space(oslo, initiative):
    return Space(hub=oslo, initiative=initiative)


def make_survey(space: Space, *, status: str = Status.OPEN, **fields) -> Survey:
    survey = Survey(title=fields.pop("title", "Hva vil du ha i gården?"), status=status, **fields)
    survey.set_space(space)
    survey.save()
    return survey


def add_questions(survey: Survey) -> dict[str, Question]:
    specs = [
        ("single", "Which season do you use the yard most?", {"options": ["Spring", "Summer", "Autumn"]}),
        ("multiple", "What should it have?", {"options": ["Benches", "Trees", "Play", "Bike racks"]}),
        ("ranking", "Rank these", {"options": ["Green", "Play", "Quiet"]}),
        ("scale", "How safe does it feel?", {"scale_min": 1, "scale_max": 5, "min_label": "Unsafe"}),
        ("text", "Anything else?", {"required": False}),
        ("point", "Where do you cross?", {"required": False}),
    ]
    questions = {}
    for position, (kind, text, extra) in enumerate(specs, start=1):
        questions[kind] = Question.objects.create(
            survey=survey, position=position, kind=kind, text=text, **extra
        )
    return questions


def answers_for(questions: dict[str, Question], **overrides) -> dict[int, object]:
    values = {
        "single": "1",
        "multiple": ["0", "2"],
        "ranking": ["2", "1", "3"],
        "scale": "4",
        "text": "More trees, please.",
        "point": INSIDE,
    }
    values.update(overrides)
    return {questions[kind].pk: value for kind, value in values.items()}


@pytest.fixture
def survey(space):
    return make_survey(space)


@pytest.fixture
def questions(survey):
    return add_questions(survey)


def make_vote(space: Space, *, status: str = Status.OPEN, concepts: int = 3, **fields) -> ConceptVote:
    vote = ConceptVote(title=fields.pop("title", "Which concept for the yard?"), status=status, **fields)
    vote.set_space(space)
    vote.save()
    for n in range(concepts):
        Concept.objects.create(vote=vote, position=n, title=f"Concept {'ABC'[n]}")
    return vote


@pytest.fixture
def vote(space):
    return make_vote(space)
