"""Pictures for the demo (issue 13): each demo hub gets a drawing for its card, and every demo
initiative gets a drawn sketch of its place and a
map thumbnail drawn from its geometry, both stored through the initiatives' image service (so
they are re-encoded and sized like any upload). Drawn by the project (apps.core.sketches): no
borrowed photos, no licences to carry. Idempotent: an initiative with images is left alone."""

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from apps.core.images import without_metadata
from apps.core.sketches import map_thumbnail, sketch
from apps.hubs.models import Hub
from apps.initiatives.models import Initiative
from apps.initiatives.services import image_add

# (words in the slug, elements of the sketch)
THEMES: list[tuple[tuple[str, ...], tuple[str, ...]]] = [
    (("pollinat", "ang", "bi"), ("flowers", "trees", "path")),
    (("benk", "bank"), ("benches", "trees", "path", "people")),
    (("sykkel", "cykel"), ("bikes", "path", "trees")),
    (("lekegate", "torg", "ungdom"), ("people", "path", "benches", "trees")),
    (("gjenbruk", "bytte", "reparasjon", "motesplats", "kunst"), ("roof", "people", "benches")),
    (("odling", "hage", "gard"), ("planters", "trees", "people", "benches")),
    (("strak", "stra"), ("path", "trees", "flowers")),
    (("solcelle", "data"), ("roof", "people")),
]
NAMES = {
    "nb": {
        "flowers": "blomstereng",
        "trees": "trær",
        "path": "en sti",
        "benches": "benker",
        "people": "naboer",
        "bikes": "sykler",
        "roof": "et tak å samles under",
        "planters": "dyrkekasser",
    },
    "sv": {
        "flowers": "blomsteräng",
        "trees": "träd",
        "path": "en stig",
        "benches": "bänkar",
        "people": "grannar",
        "bikes": "cyklar",
        "roof": "ett tak att samlas under",
        "planters": "odlingslådor",
    },
}


def elements_for(slug: str) -> tuple[str, ...]:
    for words, elements in THEMES:
        if any(word in slug for word in words):
            return elements
    return ("trees", "people", "benches")


def _listing(items: list[str], language: str) -> str:
    word = " og " if language == "nb" else " och "
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + word + items[-1]


# hub slug → (elements, palette, alt text in the hub's language)
HUBS = {
    "oslo": (
        ("water", "trees", "path", "people"),
        "oslo",
        "Tegning av en grønn byplass ved fjorden med trær, en sti og naboer.",
    ),
    "sodertorn": (
        ("flowers", "trees", "path"),
        "sodertorn",
        "Teckning av en blommande äng med träd och en stig mellan kommunerna.",
    ),
    "tonsberg": (
        ("water", "people", "benches"),
        "default",
        "Tegning av en brygge med benker og folk som møtes.",
    ),
    "arendal": (("water", "path", "trees"), "default", "Tegning av en sti langs vannet med trær."),
    "larvik": (("trees", "people", "roof"), "default", "Tegning av et tak å samles under, med trær og folk."),
}


def _hub_pictures() -> int:
    added = 0
    for hub in Hub.objects.filter(slug__in=list(HUBS), image=""):
        elements, palette, alt = HUBS[hub.slug]
        upload = SimpleUploadedFile(
            f"{hub.slug}.png", sketch(seed=f"hub:{hub.slug}", elements=elements, palette=palette)
        )
        clean, _width, _height = without_metadata(upload, "PNG")
        hub.image.save(f"{hub.slug}.png", clean, save=False)
        hub.image_alt = alt
        hub.save(update_fields=["image", "image_alt"])
        added += 1
    return added


@transaction.atomic
def seed(*, stdout: Any) -> None:
    added = _hub_pictures()
    for initiative in (
        Initiative.objects.filter(hub__slug__in=["oslo", "sodertorn"], images__isnull=True)
        .exclude(status=Initiative.Status.MERGED)
        .select_related("hub", "owner")
        .order_by("pk")
    ):
        language = "sv" if initiative.hub.slug == "sodertorn" else "nb"
        elements = elements_for(initiative.slug)
        shows = _listing([NAMES[language][e] for e in elements], language)
        if language == "nb":
            alt = f"Tegnet skisse av «{initiative.title}»: {shows}."
            map_alt = f"Kartskisse som viser hvor «{initiative.title}» ligger."
            caption, map_caption = "Skisse tegnet for demoen", "Stedet på kartet"
        else:
            alt = f"Tecknad skiss av ”{initiative.title}”: {shows}."
            map_alt = f"Kartskiss som visar var ”{initiative.title}” ligger."
            caption, map_caption = "Skiss ritad för demon", "Platsen på kartan"
        picture = sketch(seed=initiative.slug, elements=elements, palette=initiative.hub.slug)
        image_add(
            initiative=initiative,
            actor=initiative.owner,
            image=SimpleUploadedFile(f"{initiative.slug}.png", picture, content_type="image/png"),
            alt_text=alt[:250],
            caption=caption,
        )
        added += 1
        if initiative.place:
            thumbnail = map_thumbnail(
                geometry=initiative.place, seed=initiative.slug, palette=initiative.hub.slug
            )
            image_add(
                initiative=initiative,
                actor=initiative.owner,
                image=SimpleUploadedFile(f"{initiative.slug}-kart.png", thumbnail, content_type="image/png"),
                alt_text=map_alt[:250],
                caption=map_caption,
            )
            added += 1
    stdout.write(f"Pictures: {added} drawn images for hubs and initiatives.")
