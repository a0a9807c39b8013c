"""Demo surveys and concept votes for `manage.py seed_demo` (after initiatives and participation).
Idempotent: surveys and votes are found again by their space and title, and get their answers
only once.

Oslo: in a Stedskaping initiative (Grønn gårdsplass på Tøyen, in its concept-vote phase), an open
concept vote with three concepts (sketches drawn by apps.core.sketches) and some 50 ballots, some
joining the project group; an open survey with one question of each kind and about 30 responses.
Neither is answered by member@oslo.demo or resident01 … resident30, so a visitor can try both.
Södertörn: an open survey in Swedish, answered online and on paper (two batches of coded
sheets, and interviews), by resident group. Oslo's open vote also has a workshop batch.
"""

import random
from datetime import timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from shapely.geometry import Point

from apps.accounts.models import User
from apps.core.sketches import sketch
from apps.hubs.models import Hub
from apps.initiatives.models import Initiative
from apps.initiatives.services import team_member_join
from apps.participation.spaces import Space
from apps.places.geometry import GeometryError, to_shape
from apps.residents import selectors as resident_selectors
from apps.surveys.models import (
    Answer,
    Ballot,
    Batch,
    Channel,
    Concept,
    ConceptVote,
    Question,
    Response,
    Status,
    Survey,
)
from apps.surveys.services import clean_answer
from apps.surveys.sheets import sheet_code

PASSWORD = "allmenning-demo"  # noqa: S105 - the published demo password # nosec B105

OSLO_INITIATIVES = ["gronn-gardsplass-pa-toyen", "nabolagshage-pa-torshov"]
SODERTORN_INITIATIVES = ["odlingslotter-i-fittja"]

CONCEPTS = [
    (
        "Skoggården",
        ("trees", "benches", "path"),
        "Trær, busker og stier: en liten skog midt i kvartalet, med benker i skyggen.",
        "Tegning av Skoggården: trær og busker rundt en grusti, med benker i skyggen.",
    ),
    (
        "Lekegården",
        ("people", "path", "benches"),
        "Klatrestativ, sandkasse og en åpen plen for ballspill. For barna i gården.",
        "Tegning av Lekegården: barn og voksne på en åpen plen med en sti og benker.",
    ),
    (
        "Møteplassen",
        ("planters", "roof", "people"),
        "Et langbord, dyrkekasser og en pergola: et sted for naboene å møtes.",
        "Tegning av Møteplassen: dyrkekasser, en pergola og naboer som møtes.",
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


def _panel(name: str, elements: tuple[str, ...]) -> ContentFile:
    """A drawn sketch of the concept (apps.core.sketches), so people vote on what they can see."""
    return ContentFile(sketch(seed=f"concept:{name}", elements=elements, palette="oslo"))


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


def _raw_answers(
    questions: list[Question], rng: random.Random, texts: list[str], point: tuple[float, float] | None
) -> dict[int, Any]:
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
        elif question.kind == "point" and rng.random() < 0.6 and point is not None:
            raw[question.pk] = {"lon": point[0], "lat": point[1]}
    return raw


def _save_answers(response: Response, questions: list[Question], raw: dict[int, Any], boundary: Any) -> None:
    for question in questions:
        fields = clean_answer(question, raw.get(question.pk), boundary=boundary)
        if fields is not None:
            Answer.objects.create(response=response, question=question, **fields)


def _answer(survey: Survey, people: list[User], rng: random.Random, texts: list[str], space: Space) -> int:
    if survey.responses.exists():
        return 0
    questions = list(survey.questions.all())
    points = _points_inside(space, rng, len(people))
    boundary = space.boundary()
    created = 0
    for n, person in enumerate(people):
        raw = _raw_answers(questions, rng, texts, points[n] if n < len(points) else None)
        response = Response.objects.create(survey=survey, respondent=person)
        _save_answers(response, questions, raw, boundary)
        created += 1
    return created


# Paper and face-to-face answers, and resident groups ----------------------------------------


# Where demo respondents live: Botkyrka (Fittja) most, then its Södertörn neighbours.
NEARBY = ["Botkyrka", "Huddinge", "Haninge", "Salem", "Södertälje", "Tyresö", "Nynäshamn", "Nykvarn"]


def _random_groups(hub: Hub, rng: random.Random, *, young: float) -> dict[str, str]:
    """A made-up groups snapshot: `young` is the chance of an age band under 35 (paper reaches
    older people, online younger ones); some prefer not to say."""
    groups: dict[str, str] = {}
    for question in resident_selectors.active_questions(hub=hub):
        keys = [key for key, _label in question.choices]
        if not keys or rng.random() < 0.1:
            continue
        if rng.random() < 0.05:
            groups[str(question.id)] = "-"
        elif question.kind == "age":
            groups[str(question.id)] = rng.choice(keys[:2] if rng.random() < young else keys[2:])
        elif question.kind == "area":
            near = [key for key, label in question.choices if label in NEARBY] or keys
            groups[str(question.id)] = rng.choices(
                near, weights=[4 if i == 0 else 1 for i in range(len(near))]
            )[0]
        else:
            groups[str(question.id)] = rng.choice(keys)
    return groups


def _paper_survey(survey: Survey, rng: random.Random, texts: list[str], steward: User | None) -> int:
    """Online answers get their groups; two paper batches come in from the library and a
    meeting place (sheets with codes 1…22)."""
    hub = survey.hub
    for response in survey.responses.filter(channel=Channel.ONLINE, groups={}):
        response.groups = _random_groups(hub, rng, young=0.6)
        response.save(update_fields=["groups"])
    questions = list(survey.questions.all())
    boundary = survey.space.boundary()
    created = 0
    number = 0
    for label, channel, sheets in [
        ("Biblioteket i Fittja, låda 1", Channel.PAPER, 12),
        ("Träffpunkten, låda 2", Channel.PAPER, 10),
        ("Intervjuer på torget", Channel.INTERVIEW, 6),
    ]:
        if Batch.objects.filter(survey=survey, label=label).exists():
            number += sheets if channel == Channel.PAPER else 0
            continue
        batch = Batch.objects.create(
            survey=survey,
            channel=channel,
            label=label,
            received_on=timezone.localdate() - timedelta(days=3),
            expected_sheets=sheets,
            entered_by=steward,
        )
        for _sheet in range(sheets):
            code = ""
            if channel == Channel.PAPER:
                number += 1
                code = sheet_code("s", survey.pk, number)
            response = Response.objects.create(
                survey=survey,
                channel=channel,
                batch=batch,
                sheet_code=code,
                groups=_random_groups(hub, rng, young=0.2),
            )
            _save_answers(response, questions, _raw_answers(questions, rng, texts, None), boundary)
            created += 1
    return created


def _workshop_ballots(vote: ConceptVote, rng: random.Random, steward: User | None) -> int:
    """A workshop at the school: its ballots entered as one batch."""
    label = "Verksted på Tøyen skole"
    if Batch.objects.filter(vote=vote, label=label).exists():
        return 0
    batch = Batch.objects.create(
        vote=vote,
        channel=Channel.WORKSHOP,
        label=label,
        received_on=timezone.localdate() - timedelta(days=4),
        expected_sheets=24,
        entered_by=steward,
    )
    concepts = list(vote.concepts.all())
    for _n in range(24):
        Ballot.objects.create(
            vote=vote,
            concept=rng.choices(concepts, weights=[0.3, 0.5, 0.2][: len(concepts)])[0],
            channel=Channel.WORKSHOP,
            batch=batch,
            groups=_random_groups(vote.hub, rng, young=0.8),
        )
    return 24


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
            # Open while the initiative is in its concept-vote phase (see the processes demo):
            # the demo visitor can vote at once.
            status=Status.OPEN,
            opens_at=now - timedelta(days=9),
            closes_at=now + timedelta(days=19),
        )
        vote.set_space(space)
        vote.save()
        for position, (name, elements, description, alt) in enumerate(CONCEPTS, start=1):
            concept = Concept(
                vote=vote, position=position, title=name, description=description, image_alt=alt
            )
            concept.image.save(f"demo-{vote.pk}-{position}.png", _panel(name, elements), save=False)
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
            # The demo visitor can still take part: member@oslo.demo and resident01 … resident30
            # have neither voted nor answered; the vote and the survey are open.
            vote, ballots = _vote(space, people[30:], rng)
            ballots += _workshop_ballots(vote, rng, User.objects.filter(email="steward@oslo.demo").first())
            survey = _survey(
                space,
                "Hva skal gårdsplassen brukes til?",
                "Vi vil vite hvordan du bruker gården i dag, og hva du ønsker deg. Det tar fem minutter.",
                OSLO_QUESTIONS,
                closes_at=timezone.now() + timedelta(days=21),
            )
            responses = _answer(survey, people[32:], rng, OSLO_TEXTS, space)
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
            responses += _paper_survey(
                survey, rng, SODERTORN_TEXTS, User.objects.filter(email="steward@sodertorn.demo").first()
            )
        stdout.write(f"  surveys: {space.title}: survey in Swedish with {responses} new responses")
