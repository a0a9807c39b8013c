"""Names of common area levels in the hub languages (en, nb, sv).

A level's name comes from data (a DDF package's concept name, an import command's argument),
often in English only: "Locality i municipality Botkyrka" was the result on a Swedish page. This
table gives the levels Allmenning knows a Norwegian and a Swedish name (singular, plural); they
are stored on the level (`name_nb`, `name_sv`, …) when it is created, and stewards can change
them in the admin. A level not in the table shows its data name in every language until someone
names it.
"""

from django.utils.translation import get_language

# slug or lower-case English name → {language: (name, plural)}
KNOWN: dict[str, dict[str, tuple[str, str]]] = {
    "country": {"en": ("Country", "Countries"), "nb": ("Land", "Land"), "sv": ("Land", "Länder")},
    "county": {"en": ("County", "Counties"), "nb": ("Fylke", "Fylker"), "sv": ("Län", "Län")},
    "county_region": {
        "en": ("County region", "County regions"),
        "nb": ("Fylkesregion", "Fylkesregioner"),
        "sv": ("Länsdel", "Länsdelar"),
    },
    "region": {"en": ("Region", "Regions"), "nb": ("Region", "Regioner"), "sv": ("Region", "Regioner")},
    "municipality": {
        "en": ("Municipality", "Municipalities"),
        "nb": ("Kommune", "Kommuner"),
        "sv": ("Kommun", "Kommuner"),
    },
    "district": {
        "en": ("District", "Districts"),
        "nb": ("Bydel", "Bydeler"),
        "sv": ("Stadsdel", "Stadsdelar"),
    },
    "borough": {"en": ("Borough", "Boroughs"), "nb": ("Bydel", "Bydeler"), "sv": ("Stadsdel", "Stadsdelar")},
    "locality": {
        "en": ("Locality", "Localities"),
        "nb": ("Lokalområde", "Lokalområder"),
        "sv": ("Basområde", "Basområden"),
    },
    "basomrade": {
        "en": ("Locality", "Localities"),
        "nb": ("Lokalområde", "Lokalområder"),
        "sv": ("Basområde", "Basområden"),
    },
    "deso": {
        "en": ("Demographic statistical area", "Demographic statistical areas"),
        "nb": ("Demografisk statistikkområde", "Demografiske statistikkområder"),
        "sv": ("Demografiskt statistikområde", "Demografiska statistikområden"),
    },
    "regso": {
        "en": ("Regional statistical area", "Regional statistical areas"),
        "nb": ("Regionalt statistikkområde", "Regionale statistikkområder"),
        "sv": ("Regionalt statistikområde", "Regionala statistikområden"),
    },
    "small_area": {
        "en": ("Small area", "Small areas"),
        "nb": ("Delområde", "Delområder"),
        "sv": ("Delområde", "Delområden"),
    },
    "subdistrict": {
        "en": ("Subdistrict", "Subdistricts"),
        "nb": ("Delbydel", "Delbydeler"),
        "sv": ("Delområde", "Delområden"),
    },
    "basic_statistical_unit": {
        "en": ("Basic statistical unit", "Basic statistical units"),
        "nb": ("Grunnkrets", "Grunnkretser"),
        "sv": ("Statistikområde", "Statistikområden"),
    },
    "grunnkrets": {
        "en": ("Basic statistical unit", "Basic statistical units"),
        "nb": ("Grunnkrets", "Grunnkretser"),
        "sv": ("Statistikområde", "Statistikområden"),
    },
    "neighbourhood": {
        "en": ("Neighbourhood", "Neighbourhoods"),
        "nb": ("Nabolag", "Nabolag"),
        "sv": ("Grannskap", "Grannskap"),
    },
    "block": {"en": ("Block", "Blocks"), "nb": ("Kvartal", "Kvartaler"), "sv": ("Kvarter", "Kvarter")},
}
LANGUAGES = ("nb", "sv")


def known_names(slug: str, name: str = "") -> dict[str, tuple[str, str]]:
    """The table's names for a level, found by its slug or its (English) name; {} if unknown."""
    for key in (slug.lower().replace("-", "_"), name.lower().strip().replace(" ", "_")):
        if key in KNOWN:
            return KNOWN[key]
    return {}


def reader_language() -> str:
    code = (get_language() or "en")[:2]
    return code if code in LANGUAGES else "en"
