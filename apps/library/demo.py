"""Demo data for the knowledge library: Pådriv Oslo's methods, templates (the invitation and
programme of an exploratory meeting) and lessons, a proposal waiting for the leads, the course
Stedskapingskolen with a member half way, Södertörnsakademin, the published case study of
"Benker av gjenbrukt tre i Gamle Oslo", and Södertörn following Oslo's feed.

Written through the services; idempotent (found again by title, a second run changes nothing).
Södertörn's subscription points at this installation's own feed (`SITE_URL/oslo/library/feed/`);
the demo imports it in-process, without HTTP, from the same items the feed serves — the
scheduled `import_library_feeds` fetches it over HTTP like any other feed."""

from typing import Any

from django.conf import settings

from apps.accounts.models import User
from apps.hubs.models import Hub
from apps.initiatives.models import Initiative
from apps.library import feed, selectors, services
from apps.library.models import Course, Entry, Lesson, Subscription

INVITATION = """Kjære nabo, organisasjon og kommune,

Velkommen til **utforskende møte** om hvordan vi sammen kan utvikle {sted}.

- **Når:** tirsdag 10. mars kl. 17.30–20.00
- **Hvor:** {lokale}
- **Hvem:** alle som bor, jobber eller driver noe i området

Vi vil høre hva *du* mener er viktig, og finne ut om vi skal gå videre sammen.
Det blir enkel servering. Meld deg på til {kontakt}.

Vennlig hilsen
Pådriv
"""

PROGRAMME = """## Program for utforskende møte

| Tid | Hva |
|---|---|
| 17.30 | Velkommen og servering |
| 17.45 | Hvorfor er vi her? Kort om Pådriv og samskaping |
| 18.00 | Runde: hvem er vi, og hva bryr vi oss om i området? |
| 18.30 | Gruppesamtaler: muligheter, utfordringer og ressurser |
| 19.15 | Oppsummering: hva hørte vi? |
| 19.40 | Veien videre: skal vi etablere et Pådriv her? |
| 20.00 | Takk for i kveld |

**Til ordstyrer:** skriv ned navn og e-post til dem som vil være med videre.
"""

# (title, kind, summary, body, tags, publish)
ENTRIES = [
    (
        "Invitasjon til utforskende møte",
        "template",
        "Mal for invitasjonen til et utforskende møte når et nytt Pådriv skal etableres.",
        INVITATION,
        "etablering, utforskende møte, mal",
        True,
    ),
    (
        "Program for utforskende møte",
        "template",
        "Et program på to og en halv time som samler naboer, organisasjoner og kommunen.",
        PROGRAMME,
        "etablering, utforskende møte, mal",
        True,
    ),
    (
        "Gåtur i nabolaget",
        "method",
        "Se området med nye øyne sammen med dem som bruker det hver dag.",
        "1. Velg en rute på 45 minutter.\n2. Stopp ved fem steder og spør: hva fungerer, hva mangler?\n"
        "3. Ta bilder og marker på kartet.\n4. Avslutt med kaffe og en kort oppsummering.",
        "medvirkning, kartlegging",
        True,
    ),
    (
        "Slik får du kommunen med fra start",
        "lesson",
        "Det vi lærte av å invitere bydelen til første møte i stedet for det tredje.",
        "Inviter bydelen tidlig, gi dem en konkret rolle, og send referat samme uke.",
        "kommune, samarbeid",
        True,
    ),
]
PROPOSAL = (
    "Dugnad som metode",
    "method",
    "Forslag fra et medlem: dugnaden som inngang til samskaping.",
    "Dugnaden samler folk som ellers ikke møtes. Start med noe konkret og synlig.",
    "dugnad",
)

COURSES: list[tuple[str, str, str, str, str, list[tuple[str, str]]]] = [
    (
        "oslo",
        "steward@oslo.demo",
        "Stedskapingskolen",
        "nb",
        "Et kort kurs i stedsskaping: fra første gåtur til seks dager med realisering.",
        [
            ("Hva er stedsskaping?", "Stedsskaping er å utvikle et sted **sammen med** dem som bruker det."),
            ("Kartlegg stedet", "Bruk gåturen og kartinnspill for å finne stedets ressurser."),
            ("Seks dager med realisering", "Planlegg dagene, roller og vakter, og feir det dere fikk til."),
        ],
    ),
    (
        "sodertorn",
        "steward@sodertorn.demo",
        "Södertörnsakademin",
        "sv",
        "En kort kurs om samskapande stadsutveckling på Södertörn.",
        [
            ("Varför samskapa?", "Stadsutveckling blir bättre när de som bor där är med från början."),
            ("Att leda en dialog", "Förbered frågor, lyssna mer än du pratar, och dokumentera."),
        ],
    ),
]
CASE_STUDY_INITIATIVE = "benker-av-gjenbrukt-tre-i-gamle-oslo"
LESSONS = (
    "**Hva vi lærte:** materialene fra skolen måtte sorteres før verkstedet, "
    "og ungdommene ble med fordi de fikk bestemme plasseringen selv."
)


def seed(*, stdout: Any) -> None:
    hubs = {hub.slug: hub for hub in Hub.objects.filter(slug__in=["oslo", "sodertorn"])}
    users = {
        user.email: user
        for user in User.objects.filter(
            email__in=["steward@oslo.demo", "member@oslo.demo", "erik@oslo.demo", "steward@sodertorn.demo"]
        )
    }
    oslo, steward = hubs.get("oslo"), users.get("steward@oslo.demo")
    if oslo is None or steward is None:
        return
    made = 0
    for title, kind, summary, body, tags, _publish in ENTRIES:
        if not Entry.objects.filter(hub=oslo, title=title).exists():
            services.entry_create(
                actor=steward,
                hub=oslo,
                kind=kind,
                title=title,
                summary=summary,
                body=body,
                tags=tags,
                language="nb",
                licence="cc-by-4.0",
                publish=True,
            )
            made += 1
    member = users.get("member@oslo.demo")
    if member is not None and not Entry.objects.filter(hub=oslo, title=PROPOSAL[0]).exists():
        title, kind, summary, body, tags = PROPOSAL
        services.entry_create(
            actor=member,
            hub=oslo,
            kind=kind,
            title=title,
            summary=summary,
            body=body,
            tags=tags,
            language="nb",
            licence="cc-by-sa-4.0",
            publish=True,
        )
        made += 1
    for hub_slug, lead_email, title, language, summary, lessons in COURSES:
        hub, lead = hubs.get(hub_slug), users.get(lead_email)
        if hub is None or lead is None or Course.objects.filter(hub=hub, title=title).exists():
            continue
        course = services.course_create(actor=lead, hub=hub, title=title, summary=summary, language=language)
        for lesson_title, lesson_body in lessons:
            services.lesson_add(actor=lead, course=course, title=lesson_title, body=lesson_body)
        services.course_publish(actor=lead, course=course)
        if hub_slug == "oslo" and member is not None:
            services.lesson_done(actor=member, lesson=Lesson.objects.get(course=course, position=1))
        made += 1
    initiative = (
        Initiative.objects.filter(hub=oslo, slug=CASE_STUDY_INITIATIVE).select_related("owner").first()
    )
    if initiative is not None and selectors.case_study_of(initiative=initiative) is None:
        owner = initiative.owner
        entry = services.case_study_draft(actor=owner, initiative=initiative)
        # the generated text ends with a question for the team; the team's answer replaces it
        body = entry.body.rstrip().rsplit("\n", 1)[0] + "\n" + LESSONS
        entry = services.entry_update(actor=owner, entry=entry, body=body)
        services.case_study_approve(actor=owner, entry=entry)
        made += 1
    sodertorn, sven = hubs.get("sodertorn"), users.get("steward@sodertorn.demo")
    if sodertorn is not None and sven is not None:
        feed_url = f"{settings.SITE_URL}/oslo/library/feed/"
        subscription = Subscription.objects.filter(hub=sodertorn, feed_url=feed_url).first()
        if subscription is None:
            subscription = services.subscription_add(
                actor=sven, hub=sodertorn, feed_url=feed_url, fetch=False
            )
        base = settings.SITE_URL.rstrip("/")
        items = [feed.item(entry, base) for entry in selectors.feed_entries(hub=oslo)]
        made += services.import_items(subscription, items).changed
    if made:
        stdout.write(f"  library: {made} entries, courses and imports")
