"""One generated person of the demo community: names, languages, capacities, bio, visibility."""

import random
import re

from .countries import Country
from .naming import country_name, humanize, language_name, latin_name, split_city, weighted
from .plans import EMAIL_DOMAIN, KNOWS, OFFERS, WANTS, PersonPlan
from .words import (
    EVENTS,
    HANDLE_ADJECTIVES,
    HANDLE_NOUNS,
    PHOTO_TOPICS,
    PROJECTS,
    PRONOUNS_FEMALE,
    PRONOUNS_MALE,
    ROLES,
    TOPICS,
)


def _visibility(rng: random.Random) -> dict[str, str]:
    def pick(members: float, private: float = 0.0) -> str:
        roll = rng.random()
        if roll < private:
            return "private"
        if roll < private + members:
            return "members"
        return "public"

    return {
        "wikimedia_username": pick(0.05),
        "pronouns": pick(0.10),
        "bio": pick(0.15),
        "location": pick(0.05, 0.05),
        "languages": pick(0.03),
        "affiliations": pick(0.05),
        "capacities": pick(0.04, 0.01),
    }


def person_claims(
    rng: random.Random, codes: list[str], n_knows=(3, 8), n_offers=(0, 3), n_wants=(1, 4)
) -> tuple[tuple[str, str, int], ...]:
    if not codes:
        return ()
    knows = rng.sample(codes, min(len(codes), rng.randint(*n_knows)))
    levels = {code: rng.randint(1, 5) for code in knows}
    # people offer what they know best
    by_level = sorted(knows, key=lambda code: (-levels[code], knows.index(code)))
    offers = by_level[: min(len(knows), rng.randint(*n_offers))]
    rest = [code for code in codes if code not in levels]
    wants = rng.sample(rest, min(len(rest), rng.randint(*n_wants)))
    claims = [(code, KNOWS, levels[code]) for code in knows]
    claims += [(code, OFFERS, max(levels[code], 2)) for code in offers]
    claims += [(code, WANTS, rng.randint(1, 3)) for code in wants]
    return tuple(claims)


def _person_languages(
    rng: random.Random, country: Country, native: str
) -> tuple[tuple[str, int], ...]:
    languages = {native: 0}
    if native != "en" and rng.random() < 0.75:
        languages["en"] = rng.randint(2, 5)
    for code in country.second:
        if code not in languages and rng.random() < 0.45:
            languages[code] = rng.randint(1, 5)
    extras = ("fr", "es", "de", "pt", "ar", "ru", "zh", "ja", "it", "sw", "hi", "eo")
    if rng.random() < 0.2:
        code = rng.choice(extras)
        languages.setdefault(code, rng.randint(1, 3))
    return tuple(languages.items())


def _wiki(language: str, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.12:
        return "Wikidata"
    if roll < 0.2:
        return "Wikimedia Commons"
    return f"{language_name(language)} {rng.choice(PROJECTS)}"


def _bio(rng: random.Random, *, wiki, city, country, claims) -> str:
    knows = [humanize(code) for code, relation, _lv in claims if relation == KNOWS]
    wants = [humanize(code) for code, relation, _lv in claims if relation == WANTS]
    year = rng.randint(2004, 2024)
    openers = [
        f"Editor of {wiki} since {year}.",
        f"I have been editing {wiki} since {year}, mostly about {rng.choice(TOPICS)}.",
        f"{rng.choice(ROLES)} based in {city}; I edit {wiki} in my spare time.",
        f"Commons photographer from {city}; I mostly document {rng.choice(PHOTO_TOPICS)}.",
        f"{rng.choice(ROLES)} and Wikimedian since {year}.",
    ]
    sentences = [rng.choice(openers)]
    extra = [
        f"Organises {rng.choice(EVENTS)} in {city}.",
        f"Coordinated {rng.choice(EVENTS)} for {country} in {rng.randint(year, 2025)}.",
        f"Interested in {rng.choice(TOPICS)} and open knowledge.",
        f"Administrator on {wiki}.",
        f"Runs a monthly workshop at the {city} public library.",
    ]
    if knows:
        extra.append(f"Happy to help newcomers with {rng.choice(knows)}.")
    if wants:
        extra.append(f"Currently learning {rng.choice(wants)}.")
    sentences += rng.sample(extra, rng.randint(0, 2))
    return " ".join(sentences)


def _wikimedia_username(rng: random.Random, first: str, last: str, display: str, city: str):
    """(Wikimedia username, Latin-script login name)."""
    handle = rng.choice(
        [
            f"{rng.choice(HANDLE_ADJECTIVES)}{rng.choice(HANDLE_NOUNS)}",
            f"{latin_name(city).replace(' ', '').replace('-', '')}{rng.choice(HANDLE_NOUNS)}",
            f"{rng.choice(HANDLE_NOUNS)}{rng.randint(10, 99)}",
        ]
    )
    a_first, a_last = latin_name(first).replace(" ", ""), latin_name(last).replace(" ", "")
    roll = rng.random()
    if a_first and a_last:
        if roll < 0.15:
            return handle, handle
        if roll < 0.45:
            name = f"{first} {last}"
        elif roll < 0.65:
            name = f"{first}{last}".replace(" ", "")
        elif roll < 0.8:
            name = f"{first}_{last[:1]}."
        else:
            name = f"{first}{rng.randint(70, 99)}"
        login = latin_name(name.replace(" ", "_").replace(".", ""))
        return name, re.sub(r"[^A-Za-z0-9_]+", "", login) or handle
    if roll < 0.5:  # a username in the person's own script, as on their home wiki
        native = display.replace(" ", "") if rng.random() < 0.5 else f"{first}{rng.randint(1, 99)}"
        return native, handle
    return handle, handle


def plan_person(rng, namer, usernames, codes, country, region, *, mapping, index) -> PersonPlan:
    community = weighted(rng, country.communities, [c.weight for c in country.communities])
    female = rng.random() < 0.5
    first, last, display = namer.name(community.names, female)
    city, zone = split_city(rng.choice(community.cities), country)
    wm_name, login = _wikimedia_username(rng, first, last, display, city)
    username = usernames(login[:40] or f"member{index}")
    roll = rng.random()
    pronouns = ""
    if roll < 0.3:
        pronouns = rng.choice(PRONOUNS_FEMALE if female else PRONOUNS_MALE)
    elif roll < 0.35:
        pronouns = "they/them"
    languages = _person_languages(rng, country, community.language)
    claims = person_claims(rng, codes)
    wiki = _wiki(community.language, rng)
    bio = _bio(rng, wiki=wiki, city=city, country=country_name(country.code), claims=claims)
    return PersonPlan(
        username=username,
        email=f"{username.lower()}@{EMAIL_DOMAIN}",
        first_name=first[:150],
        last_name=last[:150],
        display_name=display[:120],
        wikimedia_username=wm_name[:120],
        pronouns=pronouns,
        bio=bio,
        country=country.code,
        region=mapping.get(country.code, region),
        time_zone=zone,
        visibility=_visibility(rng),
        languages=languages,
        claims=claims,
    )
