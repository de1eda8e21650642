"""The demo community's organizations: chapters, user groups, hubs, thematic organizations,
informal groups and partners, with their names in several languages and their members."""

from .countries import COUNTRY_BY_CODE, REGION_LINGUA_FRANCA, REGION_SHORT
from .naming import Unique, country_name, language_name, slugify, split_city, weighted
from .plans import OFFERS, WANTS, WEBSITE, OrganizationPlan, PersonPlan
from .words import DESCRIPTIONS, EVENTS, INFORMAL, PARTNERS, TEMPLATES, THEMATIC


def _org_names(kind: str, place_for, local_languages: list[str], region: str) -> dict[str, str]:
    """{language: name}: English, the local language and one more, when a template exists
    (a short "Wikimedia <place>" form for Wikimedia organizations otherwise)."""
    templates = TEMPLATES[kind]
    names = {"en": templates["en"].format(place=place_for("en"))}
    wanted = [*local_languages, REGION_LINGUA_FRANCA.get(region, "fr")]
    for language in wanted:
        if len(names) >= 3 or language in names:
            continue
        if language in templates:
            names[language] = templates[language].format(place=place_for(language))
        elif kind != "library" and len(names) < 2:
            names[language] = f"Wikimedia {place_for(language)}"
    return names


def plan_organizations(rng, total, people, codes, by_region, regions, reserved_slugs):
    if total <= 0:
        return []
    slugs = Unique(reserved_slugs)
    people_by_region: dict[str, list[PersonPlan]] = {}
    people_by_country: dict[str, list[PersonPlan]] = {}
    for person in people:
        people_by_region.setdefault(person.region, []).append(person)
        people_by_country.setdefault(person.country, []).append(person)

    hubs = min(len(regions), max(1, round(total * 0.05))) if total >= 10 else 0
    thematic = max(1, round(total * 0.08)) if total >= 5 else 0
    informal = round(total * 0.15)
    partners = round(total * 0.15)
    chapters = max(1, round(total * 0.2))
    user_groups = max(0, total - hubs - thematic - informal - partners - chapters)
    kinds = ["chapter"] * chapters + ["user_group"] * user_groups + ["hub"] * hubs
    kinds += ["thematic"] * thematic + ["informal"] * informal + ["partner"] * partners
    kinds = kinds[:total]

    chapter_countries: set[str] = set()
    used_names: set[str] = set()
    result: list[OrganizationPlan] = []
    counters: dict[str, int] = {}
    for kind in kinds:
        i = counters[kind] = counters.get(kind, -1) + 1
        region = regions[i % len(regions)]
        if kind == "chapter" and i == 0 and "BR" in {c.code for c in by_region.get("lac", [])}:
            region = "lac"  # demo-organizer's chapter
        country = _pick_country(rng, by_region, regions, region, chapter_countries, kind, i)
        if country is None:  # every country already has its chapter
            kind = "user_group"
            country = weighted(rng, by_region[region], [c.weight for c in by_region[region]])
        region = next(r for r in regions if country in by_region[r])
        plan = _organization(
            rng, kind, i, country, region, by_region, used_names, people_by_region,
            people_by_country, codes, slugs,
        )  # fmt: skip
        result.append(plan)
    return result


def _pick_country(rng, by_region, regions, region, taken, kind, i):
    if kind != "chapter":
        countries = by_region[region]
        return weighted(rng, countries, [c.weight for c in countries])
    if i == 0 and region == "lac":
        taken.add("BR")
        return COUNTRY_BY_CODE["BR"]
    for offset in range(len(regions)):
        candidates = [
            c for c in by_region[regions[(i + offset) % len(regions)]] if c.code not in taken
        ]
        if candidates:
            country = weighted(rng, candidates, [c.weight for c in candidates])
            taken.add(country.code)
            return country
    return None


def _organization(
    rng, kind, i, country, region, by_region, used_names, people_by_region, people_by_country,
    codes, slugs,
) -> OrganizationPlan:  # fmt: skip
    community = weighted(rng, country.communities, [c.weight for c in country.communities])
    city, _zone = split_city(rng.choice(community.cities), country)
    local = [community.language, *country.second]
    countries = [country.code]
    event = rng.choice(EVENTS)
    wiki = f"{language_name(community.language)} Wikipedia"
    where = f"{city}, {country_name(country.code)}"
    if kind == "chapter":
        names = _org_names("chapter", lambda lang: country_name(country.code, lang), local, region)
        description = DESCRIPTIONS["chapter"].format(
            country=country_name(country.code), event=event
        )
    elif kind == "user_group":
        variant = rng.choice(("ug_city", "ug_city", "ug_country", "ug_language"))
        places = {
            "ug_city": lambda lang: city,
            "ug_country": lambda lang: country_name(country.code, lang),
            "ug_language": lambda lang: language_name(community.language, lang),
        }
        names = _org_names(variant, places[variant], local, region)
        description = DESCRIPTIONS["user_group"].format(where=where, wiki=wiki, event=event)
    elif kind == "hub":
        countries = sorted(c.code for c in by_region[region])
        short = REGION_SHORT.get(region, region.upper())
        lingua_franca = [REGION_LINGUA_FRANCA.get(region, "fr")]
        names = _org_names(
            "hub", lambda lang: short if lang == "en" else region.upper(), lingua_franca, region
        )
        if i >= len(REGION_SHORT):
            names = {lang: f"{name} {i // len(REGION_SHORT) + 1}" for lang, name in names.items()}
        description = DESCRIPTIONS["hub"].format(region=REGION_SHORT.get(region, region))
    elif kind == "thematic":
        theme_name, theme = THEMATIC[i % len(THEMATIC)]
        if i >= len(THEMATIC):
            theme_name = f"{theme_name} {country_name(country.code)}"
        others = [c.code for r in rng.sample(list(by_region), 2) for c in by_region[r][:1]]
        countries = sorted({country.code, *others})
        names = {"en": theme_name}
        for language in ("es", "fr")[: rng.randint(1, 2)]:
            names[language] = theme_name
        description = DESCRIPTIONS["thematic"].format(theme=theme)
    elif kind == "informal":
        template = rng.choice(INFORMAL)
        name = template.format(city=city, language=language_name(community.language))
        names = {"en": name}
        description = DESCRIPTIONS["informal"].format(where=where, event=event)
    else:
        if rng.random() < 0.2:
            names = _org_names(
                "library", lambda lang: country_name(country.code, lang), local, region
            )
        else:
            template = rng.choice(PARTNERS)
            names = {"en": template.format(city=city, country=country_name(country.code))}
        description = DESCRIPTIONS["partner"].format(where=where, event=event)

    name = names["en"]
    if name in used_names:
        name = f"{name} ({city})" if f"{name} ({city})" not in used_names else f"{name} {i + 1}"
        names = {**names, "en": name}
    used_names.add(name)
    slug = slugs(slugify(name), "-")
    if kind in ("hub", "thematic"):
        languages = list(dict.fromkeys(["en", REGION_LINGUA_FRANCA.get(region, "fr")]))
    else:
        languages = list(dict.fromkeys([community.language, *country.second[:1], "en"]))
        languages = languages[: rng.randint(1, 3)]
    offers = rng.sample(codes, min(len(codes), rng.randint(1, 4)))
    rest = [code for code in codes if code not in offers]
    wants = rng.sample(rest, min(len(rest), rng.randint(1, 4)))
    claims = [(code, OFFERS, rng.randint(2, 5)) for code in offers]
    claims += [(code, WANTS, rng.randint(1, 3)) for code in wants]
    return OrganizationPlan(
        slug=slug,
        kind=kind,
        name=name[:200],
        names=names,
        description=description,
        countries=tuple(countries),
        region=region,
        website=WEBSITE.format(slug=slug),
        languages=tuple(languages),
        claims=tuple(claims),
        members=_members(rng, kind, country, region, people_by_region, people_by_country),
    )


MEMBER_COUNTS = {"chapter": (6, 15), "user_group": (4, 12), "hub": (5, 12), "thematic": (4, 10)}
MEMBER_COUNTS |= {"informal": (3, 8), "partner": (1, 4)}


def _members(rng, kind, country, region, people_by_region, people_by_country):
    """Managers from the organization's country when possible, members from its region."""
    local = people_by_country.get(country.code, [])
    regional = people_by_region.get(region, [])
    if not regional:
        return ()
    managers = rng.sample(local or regional, min(len(local or regional), rng.randint(1, 2)))
    chosen = {p.username for p in managers}
    pool = [p for p in regional if p.username not in chosen]
    members = rng.sample(pool, min(len(pool), rng.randint(*MEMBER_COUNTS[kind])))
    return tuple(
        [(p.username, "manager") for p in managers] + [(p.username, "member") for p in members]
    )
