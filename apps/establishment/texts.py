"""The exploratory meeting's invitation and programme: default texts in nb/sv/en, placeholders.

A text is Markdown with placeholders in braces, filled in for the meeting it is sent for:
{hub} the hub's name, {date} and {time} when the meeting starts (in the hub's time zone),
{place} where it is, {link} the registration link. Other braces are left as they are.
"""

import re
from typing import Any

from django.utils import formats, timezone, translation

PLACEHOLDERS = ("hub", "date", "time", "place", "link")
_PLACEHOLDER = re.compile(r"\{(" + "|".join(PLACEHOLDERS) + r")\}")

DEFAULTS: dict[str, dict[str, str]] = {
    "invitation": {
        "nb": """Invitasjon til sonderingsmøte: et Pådriv for {hub}?

Vi er noen som tror at {hub} kan bli et bedre sted å bo, arbeide og drive virksomhet i hvis flere
jobber sammen: innbyggere, kommunen, næringslivet, organisasjoner og forskning. Pådriv er en metode
for nettopp det – et uavhengig samarbeid der lokale krefter driver byutviklingen fram sammen.

Vi inviterer deg til et sonderingsmøte på 2–3 timer, der vi presenterer metoden og finner ut
sammen om det er nok interesse for å sette i gang.

- **Når:** {date} kl. {time}
- **Hvor:** {place}

Meld deg på her: {link}

Velkommen – og ta gjerne med deg andre som bør være med!""",
        "sv": """Inbjudan till sonderingsmöte: ett Pådriv för {hub}?

Vi är några som tror att {hub} kan bli en bättre plats att bo, arbeta och verka i om fler
samarbetar: invånare, kommunen, näringslivet, föreningar och forskning. Pådriv är en metod för
just det – ett oberoende samarbete där lokala krafter driver stadsutvecklingen framåt tillsammans.

Vi bjuder in dig till ett sonderingsmöte på 2–3 timmar, där vi presenterar metoden och
tillsammans tar reda på om intresset räcker för att sätta i gång.

- **När:** {date} kl. {time}
- **Var:** {place}

Anmäl dig här: {link}

Välkommen – och ta gärna med andra som borde vara med!""",
        "en": """Invitation to an exploratory meeting: a Pådriv hub for {hub}?

Some of us believe that {hub} can become a better place to live, work and run a business in if
more of us work together: residents, the municipality, businesses, organisations and research.
Pådriv is a method for exactly that – an independent partnership in which local forces drive the
development of their place together.

We invite you to an exploratory meeting of 2–3 hours, where we present the method and find out
together whether there is enough interest to begin.

- **When:** {date} at {time}
- **Where:** {place}

Register here: {link}

Welcome – and feel free to bring others who should take part!""",
    },
    "programme": {
        "nb": """Program for sonderingsmøtet

1. **Velkommen og presentasjonsrunde** (15 min) – hvem er vi, og hvorfor er vi her?
2. **Pådriv-metoden** (30 min) – hvordan et uavhengig samarbeid om byutvikling er organisert,
   med eksempler fra andre Pådriv.
3. **Hva trenger {hub}?** (45 min) – samtale i grupper om utfordringer og muligheter i området.
4. **Pause** (15 min)
5. **Er det interesse?** (30 min) – hvem vil være oppstartspartner, og hva kan hver bidra med?
6. **Veien videre** (15 min) – forprosjekt, område, felles målbilde og finansiering.""",
        "sv": """Program för sonderingsmötet

1. **Välkomna och presentationsrunda** (15 min) – vilka är vi, och varför är vi här?
2. **Pådriv-metoden** (30 min) – hur ett oberoende samarbete om stadsutveckling är organiserat,
   med exempel från andra Pådriv.
3. **Vad behöver {hub}?** (45 min) – samtal i grupper om utmaningar och möjligheter i området.
4. **Paus** (15 min)
5. **Finns intresset?** (30 min) – vem vill bli startpartner, och vad kan var och en bidra med?
6. **Vägen framåt** (15 min) – förprojekt, område, gemensam målbild och finansiering.""",
        "en": """Programme for the exploratory meeting

1. **Welcome and introductions** (15 min) – who are we, and why are we here?
2. **The Pådriv method** (30 min) – how an independent partnership for place development is
   organised, with examples from other Pådriv hubs.
3. **What does {hub} need?** (45 min) – conversations in groups about challenges and
   opportunities in the area.
4. **Break** (15 min)
5. **Is there interest?** (30 min) – who wants to be a start-up partner, and what can each bring?
6. **The way ahead** (15 min) – the pre-project, the area, a shared vision and funding.""",
    },
}


def default_text(kind: str, language: str) -> str:
    texts = DEFAULTS[kind]
    return texts.get(language) or texts["en"]


def meeting_values(*, hub: Any, event: Any, link: str, language: str) -> dict[str, str]:
    """The placeholders' values for `event`, dates as the language writes them."""
    if event is None:
        return {"hub": hub.name, "date": "…", "time": "…", "place": "…", "link": link or "…"}
    starts = timezone.localtime(event.starts_at, hub.zone)
    with translation.override(language):
        day = formats.date_format(starts, "DATE_FORMAT")
        time = formats.time_format(starts, "TIME_FORMAT")
    return {"hub": hub.name, "date": day, "time": time, "place": event.location or "…", "link": link}


def fill(text: str, values: dict[str, str]) -> str:
    """The text with its placeholders filled in (unknown braces stay as they are)."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)
