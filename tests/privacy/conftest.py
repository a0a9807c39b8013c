"""Privacy fixtures: files under a temporary media root, and `contributions` — mia's idea,
comment, support, map mark, survey answer and an uploaded image in Oslo, with others' input
alongside so that counts are not all hers."""

import io
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from apps.initiatives.models import Initiative, InitiativeImage
from apps.mapinput.models import MapMark, MarkCategory, MarkSettings
from apps.participation import services as participation
from apps.participation.models import Comment, Idea, Support
from apps.participation.spaces import Space
from apps.surveys.models import Answer, Question, Response, Status, Survey
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), "#1b6a4c").save(buffer, format="PNG")
    return buffer.getvalue()


@dataclass
class Contributions:
    initiative: Initiative
    idea: Idea
    comment: Comment
    mark: MapMark
    response: Response
    image: InitiativeImage


def counts() -> dict[str, int]:
    return {
        "ideas": Idea.objects.count(),
        "comments": Comment.objects.count(),
        "supports": Support.objects.count(),
        "marks": MapMark.objects.count(),
        "responses": Response.objects.count(),
        "answers": Answer.objects.count(),
    }


def contribute(user, *, initiative: Initiative, hub) -> Contributions:
    space = Space(hub=hub)
    idea = participation.idea_create(space=space, author=user, title="Benker i parken", body="Flere benker.")
    comment = participation.comment_create(idea=idea, author=user, body="Og trær.")
    participation.support_add(idea=idea, user=user)
    settings_row = MarkSettings.objects.filter(
        hub=hub, space_key=Space(hub=hub, initiative=initiative).key
    ).first()
    if settings_row is None:
        settings_row = MarkSettings(allow_point=True)
        settings_row.set_space(Space(hub=hub, initiative=initiative))
        settings_row.save()
    category = MarkCategory.objects.get_or_create(
        settings=settings_row, name="Grønt", defaults={"colour": "#15803d"}
    )[0]
    mark = MapMark(
        settings=settings_row,
        category=category,
        kind="point",
        geometry={"type": "Point", "coordinates": [10.75, 59.91]},
        lon=10.75,
        lat=59.91,
        comment="Her trengs lys",
        author=user,
    )
    mark.set_space(Space(hub=hub, initiative=initiative))
    mark.save()
    survey = Survey.objects.filter(title="Hva vil du ha?").first()
    if survey is None:
        survey = Survey(title="Hva vil du ha?", status=Status.OPEN)
        survey.set_space(Space(hub=hub, initiative=initiative))
        survey.save()
        Question.objects.create(survey=survey, position=1, kind="text", text="Hva?", required=False)
    question = survey.questions.get()
    response = Response.objects.create(survey=survey, respondent=user)
    Answer.objects.create(response=response, question=question, text="En lekeplass")
    image = InitiativeImage.objects.create(
        initiative=initiative,
        image=SimpleUploadedFile("gard.png", png_bytes(), content_type="image/png"),
        alt_text="Gården",
        uploaded_by=user,
    )
    return Contributions(initiative, idea, comment, mark, response, image)


@pytest.fixture
def initiative(oslo, walter):
    return Initiative.objects.create(
        hub=oslo, slug="gronn-gardsplass", title="Grønn gårdsplass", owner=walter
    )


@pytest.fixture
def contributions(oslo, mia, bob, initiative):
    """mia's input, and bob's beside it."""
    contribute(bob, initiative=initiative, hub=oslo)
    return contribute(mia, initiative=initiative, hub=oslo)


@pytest.fixture
def olaf(db):
    return UserFactory(email="olaf@example.org", name="Olaf Outsider")
