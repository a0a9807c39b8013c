"""Demo surveys and concept votes for `manage.py seed_demo` (after initiatives and participation).
Idempotent: surveys and votes are found again by their space and title, and get their answers
only once.

Oslo: in a Stedskaping initiative (Grønn gårdsplass på Tøyen), a finished concept vote with three
concepts (placeholder images drawn with Pillow) and about 60 ballots, some of them joining the
project group; an open survey with one question of each kind and about 40 responses.
Södertörn: an open survey in Swedish.
"""

import io
import random
from datetime import timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont
from shapely.geometry import Point

from apps.accounts.models import User
from apps.hubs.models import Hub
from apps.initiatives.models import Initiative
from apps.initiatives.services import team_member_join
from apps.participation.spaces import Space
from apps.places.geometry import GeometryError, to_shape
from apps.surveys.models import Answer, Ballot, Concept, ConceptVote, Question, Response, Status, Survey
from apps.surveys.services import clean_answer

PASSWORD = "allmenning-demo"  # noqa: S105 - the published demo password # nosec B105

OSLO_INITIATIVES = ["gronn-gardsplass-pa-toyen", "nabolagshage-pa-torshov"]
SODERTORN_INITIATIVES = ["odlingslotter-i-fittja"]

CONCEPTS = [
    (
        "Skoggården",
        "SK",
        "Trær, busker og stier: en liten skog midt i kvartalet, med benker i skyggen.",
        "#1b6a4c",
        "Illustrasjon: grønt panel med bokstavene SK for konseptet Skoggården",
    ),
    (
        "Lekegården",
        "LE",
        "Klatrestativ, sandkasse og en åpen plen for ballspill. For barna i gården.",
        "#c4572b",
        "Illustrasjon: oransje panel med bokstavene LE for konseptet Lekegården",
    ),
    (
        "Møteplassen",
        "MP",
        "Et langbord, dyrkekasser og en pergola: et sted for naboene å møtes.",
        "#2b4c7e",
        "Illustrasjon: blått panel med bokstavene MP for konseptet Møteplassen",
    ),
]

OSLO_QUESTIONS: list[dict[str, Any]] = [
    {
        "kind": "single",
        "text": "Hvor ofte bruker du gårdsplassen?",
        "options": ["Daglig", "Ukentlig", "Sjeldnere", "Aldri"],
    },
    {
        "kind": "multiple",
        "text": "Hva ønsker du deg i gården?",
        "help": "Velg så mange du vil.",
        "options": ["Benker", "Trær og busker", "Lekeapparater", "Sykkelparkering", "Dyrkekasser"],
    },
    {
        "kind": "ranking",
        "text": "Ranger det som er viktigst for deg",
        "options": ["Grønt", "Lek", "Ro", "Møteplass"],
    },
    {
        "kind": "scale",
        "text": "Hvor trygg føler du deg i gården på kveldstid?",
        "scale_min": 1,
        "scale_max": 5,
        "min_label": "Svært utrygg",
        "max_label": "Svært trygg",
    },
    {"kind": "text", "text": "Har du andre innspill?", "required": False},
    {"kind": "point", "text": "Hvor i gården savner du en benk?", "required": False},
]

OSLO_TEXTS = [
    "Mer lys langs stien til bakgården, takk!",
    "Det hadde vært fint med **dyrkekasser** som naboene deler.",
    "Sykkelparkeringen er full hver dag.",
    "Kan vi beholde det store treet ved porten?",
    "Et overbygd sted å sitte når det regner.",
    "Færre biler som kjører inn i gården.",
]

SODERTORN_QUESTIONS: list[dict[str, Any]] = [
    {
        "kind": "single",
        "text": "Hur ofta besöker du odlingslotterna?",
        "options": ["Varje vecka", "Varje månad", "Mer sällan", "Aldrig"],
    },
    {
        "kind": "multiple",
        "text": "Vad vill du odla?",
        "options": ["Grönsaker", "Kryddor", "Blommor", "Bär"],
    },
    {
        "kind": "scale",
        "text": "Hur nöjd är du med platsen i dag?",
        "scale_min": 1,
        "scale_max": 5,
        "min_label": "Inte alls nöjd",
        "max_label": "Mycket nöjd",
    },
    {"kind": "text", "text": "Övriga synpunkter?", "required": False},
]

SODERTORN_TEXTS = ["Mer vatten till lotterna.", "En gemensam verktygsbod vore bra.", "Fler bänkar i skuggan."]


def _initiative(hub: Hub, slugs: list[str]) -> Initiative | None:
    for slug in slugs:
        found = Initiative.objects.filter(hub=hub, slug=slug).select_related("area", "hub").first()
        if found is not None:
            return found
    return Initiative.objects.filter(hub=hub).select_related("area", "hub").order_by("pk").first()


def _people(domain: str, prefix: str, count: int, names: list[str]) -> list[User]:
    """The participation demo's residents of the hub, topped up with our own demo people."""
    people = list(
        User.objects.filter(email__startswith="resident", email__endswith=f"@{domain}").order_by("email")
    )
    n = 1
    while len(people) < count:
        email = f"{prefix}{n:02d}@{domain}"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email, PASSWORD, name=f"{names[n % len(names)]} {n:02d}", language="nb"
            )
        if user not in people:
            people.append(user)
        n += 1
    return people[:count]


def _panel(initials: str, colour: str) -> ContentFile:
    image = Image.new("RGB", (800, 600), colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 40, 760, 560), outline="#ffffff", width=6)
    font = ImageFont.load_default(size=220)
    left, top, right, bottom = draw.textbbox((0, 0), initials, font=font)
    draw.text(
        ((800 - (right - left)) / 2 - left, (600 - (bottom - top)) / 2 - top),
        initials,
        fill="#ffffff",
        font=font,
    )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return ContentFile(buffer.getvalue())


def _points_inside(space: Space, rng: random.Random, count: int) -> list[tuple[float, float]]:
    boundary = space.boundary()
    shape = None
    if boundary:
        try:
            shape = to_shape(boundary)
        except GeometryError:
            shape = None
    if shape is None:
        lon, lat = (space.initiative.lon, space.initiative.lat) if space.initiative else (None, None)
        lon, lat = lon or 10.77, lat or 59.915
        return [(lon + rng.uniform(-0.002, 0.002), lat + rng.uniform(-0.001, 0.001)) for _ in range(count)]
    min_x, min_y, max_x, max_y = shape.bounds
    points: list[tuple[float, float]] = []
    for _ in range(count * 50):
        x, y = rng.uniform(min_x, max_x), rng.uniform(min_y, max_y)
        if shape.covers(Point(x, y)):
            points.append((round(x, 6), round(y, 6)))
        if len(points) == count:
            break
    return points


def _survey(space: Space, title: str, intro: str, questions: list[dict[str, Any]], **fields: Any) -> Survey:
    survey = Survey.objects.filter(**space.filter(), title=title).first()
    if survey is None:
        survey = Survey(title=title, intro=intro, status=Status.OPEN, **fields)
        survey.set_space(space)
        survey.save()
        for position, spec in enumerate(questions, start=1):
            Question.objects.create(survey=survey, position=position, **spec)
    return survey


def _answer(survey: Survey, people: list[User], rng: random.Random, texts: list[str], space: Space) -> int:
    if survey.responses.exists():
        return 0
    questions = list(survey.questions.all())
    points = _points_inside(space, rng, len(people))
    boundary = space.boundary()
    created = 0
    for n, person in enumerate(people):
        raw: dict[int, Any] = {}
        for question in questions:
            count = len(question.options)
            if question.kind == "single":
                raw[question.pk] = min(int(rng.triangular(0, count, 0.5)), count - 1)
            elif question.kind == "multiple":
                raw[question.pk] = sorted(rng.sample(range(count), rng.randint(1, min(3, count))))
            elif question.kind == "ranking":
                order = list(range(count))
                rng.shuffle(order)
                if rng.random() < 0.5:  # green first for many
                    order.remove(0)
                    order.insert(0, 0)
                raw[question.pk] = [order.index(i) + 1 for i in range(count)]
            elif question.kind == "scale":
                raw[question.pk] = round(
                    rng.triangular(question.scale_min, question.scale_max, question.scale_max - 1)
                )
            elif question.kind == "text" and rng.random() < 0.3:
                raw[question.pk] = rng.choice(texts)
            elif question.kind == "point" and rng.random() < 0.6 and n < len(points):
                raw[question.pk] = {"lon": points[n][0], "lat": points[n][1]}
        response = Response.objects.create(survey=survey, respondent=person)
        for question in questions:
            fields = clean_answer(question, raw.get(question.pk), boundary=boundary)
            if fields is not None:
                Answer.objects.create(response=response, question=question, **fields)
        created += 1
    return created


def _vote(space: Space, people: list[User], rng: random.Random) -> tuple[ConceptVote, int]:
    title = "Velg konsept for gårdsplassen"
    vote = ConceptVote.objects.filter(**space.filter(), title=title).first()
    now = timezone.now()
    if vote is None:
        vote = ConceptVote(
            title=title,
            intro=(
                "Arkitektstudentene har tegnet tre konsepter for gårdsplassen. Hvilket vil du ha? "
                "Kryss av hvis du vil være med i prosjektgruppen som bygger det."
            ),
            status=Status.CLOSED,
            opens_at=now - timedelta(days=30),
            closes_at=now - timedelta(days=2),
        )
        vote.set_space(space)
        vote.save()
        for position, (name, initials, description, colour, alt) in enumerate(CONCEPTS, start=1):
            concept = Concept(
                vote=vote, position=position, title=name, description=description, image_alt=alt
            )
            concept.image.save(f"demo-{vote.pk}-{position}.png", _panel(initials, colour), save=False)
            concept.save()
    if vote.ballots.exists():
        return vote, 0
    concepts = list(vote.concepts.all())
    weights = [0.5, 0.2, 0.3]
    initiative = space.initiative
    created = 0
    for n, person in enumerate(people):
        concept = rng.choices(concepts, weights=weights[: len(concepts)])[0]
        joins = n % 7 == 3
        confirmed = joins and n % 2 == 1
        Ballot.objects.create(
            vote=vote,
            voter=person,
            concept=concept,
            wants_to_join=joins,
            join_confirmed_at=now - timedelta(days=3) if confirmed else None,
        )
        if confirmed and initiative is not None:
            team_member_join(initiative=initiative, user=person)
        created += 1
    return vote, created


def seed(*, stdout: Any) -> None:
    rng = random.Random(2024)  # noqa: S311 - demo data, not security # nosec B311
    oslo = Hub.objects.filter(slug="oslo").first()
    if oslo is not None:
        initiative = _initiative(oslo, OSLO_INITIATIVES)
        space = Space(hub=oslo, initiative=initiative) if initiative else Space(hub=oslo)
        people = _people("oslo.demo", "deltaker", 60, ["Nabo", "Beboer", "Innbygger"])
        with transaction.atomic():
            _vote_obj, ballots = _vote(space, people, rng)
            survey = _survey(
                space,
                "Hva skal gårdsplassen brukes til?",
                "Vi vil vite hvordan du bruker gården i dag, og hva du ønsker deg. Det tar fem minutter.",
                OSLO_QUESTIONS,
                closes_at=timezone.now() + timedelta(days=21),
            )
            responses = _answer(survey, people[:40], rng, OSLO_TEXTS, space)
        stdout.write(f"  surveys: {space.title}: {ballots} new ballots, {responses} new responses")
    sodertorn = Hub.objects.filter(slug="sodertorn").first()
    if sodertorn is not None:
        initiative = _initiative(sodertorn, SODERTORN_INITIATIVES)
        space = Space(hub=sodertorn, initiative=initiative) if initiative else Space(hub=sodertorn)
        people = _people("sodertorn.demo", "deltagare", 18, ["Granne", "Invånare", "Boende"])
        with transaction.atomic():
            survey = _survey(
                space,
                "Hur vill du använda odlingslotterna?",
                "Berätta hur du använder platsen i dag och vad du önskar dig.",
                SODERTORN_QUESTIONS,
                closes_at=timezone.now() + timedelta(days=14),
            )
            responses = _answer(survey, people, rng, SODERTORN_TEXTS, space)
        stdout.write(f"  surveys: {space.title}: survey in Swedish with {responses} new responses")
