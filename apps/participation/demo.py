# ruff: noqa: E501 - demo texts read best one per line
"""Demo ideas for `manage.py seed_demo` (runs after the initiatives demo). Idempotent.

Forty residents in Oslo and twenty in Södertörn (resident01@oslo.demo …, verified, password as
the rest of the demo) share ideas in Norwegian and Swedish on the busiest initiatives of each hub
(or the hub itself, while there are no initiatives), comment in threads and support each other.
One idea is hidden with a reason, one report waits in the queue, and the audit log has entries.
"""

import random
from datetime import timedelta
from typing import Any

from allauth.account.models import EmailAddress
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from apps.accounts.models import Profile, User
from apps.audit.models import AuditEntry
from apps.audit.services import audit_record
from apps.hubs.models import ApplicationStatus, Hub, Membership
from apps.participation.models import Comment, Idea, Report, Support
from apps.participation.spaces import Space

PASSWORD = "allmenning-demo"  # noqa: S105 - the published demo password (see seed_demo) # nosec B105

FIRST_NAMES = {
    "oslo": [
        "Aksel",
        "Amalie",
        "Birk",
        "Sofie",
        "Jonas",
        "Ingrid",
        "Magnus",
        "Nora",
        "Emil",
        "Sara",
        "Henrik",
        "Leah",
        "Tobias",
        "Maja",
        "Ole",
        "Frida",
        "Sander",
        "Hedda",
        "Mats",
        "Ida",
        "Filip",
        "Thea",
        "Kasper",
        "Vilde",
        "Mohammed",
        "Aisha",
        "Ali",
        "Hanna",
        "Even",
        "Selma",
        "Tiril",
        "Jakob",
        "Oda",
        "Markus",
        "Live",
        "Iver",
        "Tuva",
        "Noah",
        "Emma",
        "Lars",
    ],
    "sodertorn": [
        "Elsa",
        "Oskar",
        "Alva",
        "William",
        "Saga",
        "Hugo",
        "Ebba",
        "Liam",
        "Wilma",
        "Nils",
        "Astrid",
        "Leo",
        "Alice",
        "Axel",
        "Freja",
        "Omar",
        "Klara",
        "Elias",
        "Vera",
        "Melvin",
    ],
}
LAST_NAMES = [
    "Hansen",
    "Johansen",
    "Olsen",
    "Larsen",
    "Andersen",
    "Pedersen",
    "Nilsson",
    "Berg",
    "Lindqvist",
    "Haugen",
    "Ahmed",
    "Bakke",
]

IDEAS = {
    "nb": [
        (
            "Flere benker langs turveien",
            "Mange eldre går tur her, men det er **langt mellom hvilestedene**. Noen benker i skyggen ville gjort det mulig for flere å bruke området.",
            "meeting",
        ),
        (
            "Trær og skygge på plassen",
            "Plassen blir glovarm om sommeren. Plant store trær som gir skygge, og gjerne noen fruktbusker folk kan plukke av.",
            "green",
        ),
        (
            "Trygg sykkelvei til skolen",
            "Barna sykler i bilveien fordi sykkelfeltet slutter ved krysset. Vi trenger en sammenhengende og fysisk adskilt sykkelvei helt fram til skolen.",
            "mobility",
        ),
        (
            "Bedre lys ved undergangen",
            "Undergangen føles utrygg når det er mørkt. Varmt, godt lys og kanskje kunst på veggene ville gjort stor forskjell.",
            "safety",
        ),
        (
            "Felles dyrkekasser",
            "Vi er mange i borettslaget som vil dyrke grønnsaker. Dyrkekasser med vann i nærheten og en liten bod til redskaper.",
            "green",
        ),
        (
            "Lekeplass for de minste",
            "Det finnes ingen lekeplass for barn under tre år i nærheten. Sandkasse, husker og noe å klatre på – og benker for foreldrene.",
            "youth",
        ),
        (
            "Sykkelparkering med tak",
            "Ved T-banen står syklene hulter til bulter i regnet. Overbygd sykkelparkering med plass til lastesykler.",
            "mobility",
        ),
        (
            "Møteplass for ungdom",
            "Ungdommene har ingen steder å være om kvelden. Et tak over hodet, strøm til musikk og lov til å være der uten å kjøpe noe.",
            "youth",
        ),
        (
            "Regnbed i stedet for asfalt",
            "Når det regner kraftig flommer kjelleren over. Bytt ut asfalt med regnbed som tar unna overvannet og gir blomster.",
            "climate",
        ),
        (
            "Gatetun uten gjennomkjøring",
            "Gjør den korte gata om til et gatetun: bilfritt, med bord, planter og plass til lek. Varelevering tidlig om morgenen.",
            "mobility",
        ),
        (
            "Byttebod for klær og ting",
            "En liten byttebod der vi kan gi bort og hente klær, bøker og verktøy. Drives av frivillige i nabolaget.",
            "meeting",
        ),
        (
            "Utescene for konserter",
            "En enkel utescene der skoleband, kor og naboer kan spille om sommeren. Gjerne med strømuttak og en liten tribune.",
            "meeting",
        ),
        (
            "Solceller på garasjetaket",
            "Garasjetaket er stort og flatt. Solceller der kunne gitt strøm til ladere og felleslokalet.",
            "climate",
        ),
        (
            "Fotgjengerfelt ved butikken",
            "Mange krysser gata ved butikken der det ikke er fotgjengerfelt. Et opphøyd gangfelt ville roet ned trafikken.",
            "safety",
        ),
        (
            "Åpne bekken igjen",
            "Bekken går i rør under parken. Åpne den, så vi får vann, fugleliv og et sted for barna å leke.",
            "green",
        ),
        (
            "Toalett i parken",
            "Det trengs et offentlig toalett i parken, særlig for barnefamilier og eldre som vil være der lenge.",
            "buildings",
        ),
    ],
    "sv": [
        (
            "Fler bänkar vid promenadstråket",
            "Många äldre promenerar här men det finns **nästan inga sittplatser**. Bänkar i skuggan skulle göra stor skillnad.",
            "meeting",
        ),
        (
            "Träd och skugga på torget",
            "Torget blir stekhett på sommaren. Plantera stora träd och några fruktträd som alla får plocka från.",
            "green",
        ),
        (
            "Säker cykelväg till skolan",
            "Cykelbanan tar slut vid rondellen och barnen får cykla bland bilarna. Bygg en sammanhängande cykelväg ända fram.",
            "mobility",
        ),
        (
            "Bättre belysning i gångtunneln",
            "Tunneln känns otrygg när det är mörkt. Varmt ljus och konst på väggarna skulle hjälpa.",
            "safety",
        ),
        (
            "Odlingslådor på gården",
            "Vi är många som vill odla. Odlingslådor med vatten i närheten och ett litet förråd för redskap.",
            "green",
        ),
        (
            "Lekplats för de minsta",
            "Det finns ingen lekplats för små barn i närheten. Sandlåda, gungor och bänkar för föräldrarna.",
            "youth",
        ),
        (
            "Väderskyddad cykelparkering",
            "Vid pendeltåget står cyklarna i regnet. Cykelparkering med tak och plats för lådcyklar.",
            "mobility",
        ),
        (
            "En plats för unga på kvällen",
            "Ungdomarna har ingenstans att vara. Ett tak, el för musik och att få vara där utan att köpa något.",
            "youth",
        ),
        (
            "Regnbäddar i stället för asfalt",
            "Vid skyfall svämmar källarna över. Byt asfalt mot regnbäddar som tar hand om dagvattnet.",
            "climate",
        ),
        (
            "Bytesbod för kläder och prylar",
            "En liten bytesbod där vi kan lämna och hämta kläder, böcker och verktyg, skött av grannar.",
            "meeting",
        ),
        (
            "Utomhusscen för sommarkonserter",
            "En enkel scen där skolband, körer och grannar kan spela på sommaren.",
            "meeting",
        ),
        (
            "Solpaneler på förskolans tak",
            "Förskolans tak är stort och vänt mot söder. Solpaneler skulle ge el och vara bra att lära sig av.",
            "climate",
        ),
    ],
}

COMMENTS = {
    "nb": [
        "Helt enig, dette savner jeg hver dag.",
        "God idé! Kanskje skolen kan være med?",
        "Hvem skal drifte det etterpå? Det må vi tenke på fra starten.",
        "Jeg kan bidra med snekring en helg.",
        "Vi gjorde noe lignende på Tøyen, det fungerte veldig bra.",
        "Husk universell utforming, så alle kan bruke det.",
        "Bra, men det må ikke gå ut over parkeringen for bevegelseshemmede.",
        "Kommunen har en tilskuddsordning som passer til dette.",
    ],
    "sv": [
        "Håller helt med, det saknar jag varje dag.",
        "Bra idé! Kanske skolan kan vara med?",
        "Vem ska sköta det efteråt? Det behöver vi tänka på från början.",
        "Jag kan hjälpa till med snickeriet en helg.",
        "Vi gjorde något liknande i Fittja, det blev jättebra.",
        "Tänk på tillgängligheten så att alla kan använda det.",
        "Kommunen har ett bidrag som passar för det här.",
    ],
}


def _residents(hub: Hub, count: int, now: Any) -> list[User]:
    domain = f"{hub.slug}.demo"
    language = "sv" if hub.slug == "sodertorn" else "nb"
    names = FIRST_NAMES.get(hub.slug, FIRST_NAMES["oslo"])
    people = []
    for n in range(1, count + 1):
        email = f"resident{n:02d}@{domain}"
        name = f"{names[(n - 1) % len(names)]} {LAST_NAMES[(n * 7) % len(LAST_NAMES)]}"
        user, created = User.objects.get_or_create(email=email, defaults={"name": name, "language": language})
        if created:
            user.set_password(PASSWORD)
            user.save()
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        consent = n % 2 == 0
        Profile.objects.get_or_create(
            user=user,
            defaults={
                "place": hub.place,
                "consent_public_profile": consent,
                "consent_public_profile_at": now if consent else None,
            },
        )
        people.append(user)
    return people


def _spaces(hub: Hub) -> list[Space]:
    """The busiest initiatives of the hub (up to three), else the hub itself."""
    from apps.initiatives.models import Initiative

    initiatives = list(Initiative.objects.filter(hub=hub).select_related("area").order_by("pk")[:3])
    return [Space(hub=hub, initiative=i) for i in initiatives] or [Space(hub=hub)]


def _steward(hub: Hub) -> User | None:
    membership = (
        Membership.objects.filter(hub=hub, status=ApplicationStatus.APPROVED)
        .filter(Q(is_steward=True) | Q(is_network_lead=True))
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None


def _seed_space(
    space: Space, people: list[User], language: str, offset: int, rng: random.Random, now: Any
) -> list[Idea]:
    pool = IDEAS[language]
    count = min(len(pool), 12 + offset % 4)
    chosen = [pool[(offset * 5 + k) % len(pool)] for k in range(count)]
    ideas = []
    for k, (title, body, category) in enumerate(chosen):
        idea = Idea.objects.filter(**space.filter(), title=title).first()
        if idea is None:
            idea = Idea(
                author=people[(offset * 3 + k) % len(people)],
                title=title,
                body=body,
                category=category,
                created=now - timedelta(days=60 - k * 4, hours=rng.randint(0, 20)),
            )
            idea.set_space(space)
            idea.save()
            texts = COMMENTS[language]
            parent = None
            for c in range(rng.randint(0, 5)):
                reply_to = parent if parent is not None and rng.random() < 0.5 else None
                comment = Comment.objects.create(
                    idea=idea,
                    parent=reply_to,
                    depth=min(reply_to.depth + 1, 2) if reply_to else 0,
                    author=people[rng.randrange(len(people))],
                    body=texts[(k + c) % len(texts)],
                    created=idea.created + timedelta(hours=5 + c * 9),
                )
                parent = comment
            for person in rng.sample(people, rng.randint(0, min(len(people), 28))):
                Support.objects.get_or_create(idea=idea, user=person)
        ideas.append(idea)
    return ideas


def _recount(ideas: list[Idea]) -> None:
    """Make the stored counts exact for the demo ideas (they were written without the services)."""
    counted = Idea.objects.filter(pk__in=[i.pk for i in ideas]).annotate(
        n_supports=Count("supports", distinct=True),
        n_comments=Count("comments", filter=Q(comments__hidden=False), distinct=True),
    )
    for idea in counted:
        Idea.objects.filter(pk=idea.pk).update(support_count=idea.n_supports, comment_count=idea.n_comments)


@transaction.atomic
def seed(*, stdout: Any) -> None:
    now = timezone.now()
    total = 0
    for slug, count, language in (("oslo", 40, "nb"), ("sodertorn", 20, "sv")):
        hub = Hub.objects.filter(slug=slug).first()
        if hub is None:
            continue
        rng = random.Random(f"participation-{slug}")  # noqa: S311 - demo data, not security # nosec B311
        people = _residents(hub, count, now)
        ideas: list[Idea] = []
        for offset, space in enumerate(_spaces(hub)):
            ideas += _seed_space(space, people, language, offset, rng, now)
        _recount(ideas)
        total += len(ideas)
        steward = _steward(hub)
        if (
            steward is None
            or not ideas
            or AuditEntry.objects.filter(hub=hub, action__startswith="participation.").exists()
        ):
            continue
        # Moderation as it happens: a hidden idea with its reason, a dismissed report, an open one.
        hidden = ideas[-1]
        reason = (
            "Innlegget inneholdt personopplysninger om en nabo."
            if language == "nb"
            else "Inlägget innehöll personuppgifter om en granne."
        )
        Report.objects.create(
            idea=hidden,
            reporter=people[1],
            reason=reason,
            status=Report.Status.HIDDEN,
            resolved_at=now,
            resolved_by=steward,
        )
        Idea.objects.filter(pk=hidden.pk).update(
            status=Idea.Status.HIDDEN, hidden_reason=reason, hidden_at=now
        )
        audit_record(
            hub=hub,
            actor=steward,
            action="participation.idea_hide",
            target=hidden,
            reason=reason,
            data={"space": hidden.space.key},
        )
        dismissed = Report.objects.create(
            idea=ideas[0],
            reporter=people[2],
            reason="Dette er reklame." if language == "nb" else "Det här är reklam.",
            status=Report.Status.DISMISSED,
            resolved_at=now,
            resolved_by=steward,
        )
        audit_record(
            hub=hub,
            actor=steward,
            action="participation.report_dismiss",
            target=ideas[0],
            reason="Innenfor husreglene." if language == "nb" else "Inom ordningsreglerna.",
            data={"reports": [dismissed.pk]},
        )
        comment = Comment.objects.filter(idea__in=ideas, hidden=False).order_by("pk").first()
        target = comment.idea if comment else ideas[1]
        Report.objects.create(
            idea=target,
            comment=comment,
            reporter=people[3],
            reason="Tonen her er ufin." if language == "nb" else "Tonen här är otrevlig.",
        )
    stdout.write(f"Participation: {total} demo ideas with comments and support.")
