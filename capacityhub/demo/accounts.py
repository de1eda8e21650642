"""The three demo accounts (demo-admin, demo-organizer, demo-member) with the capacities of the
personas, and their places in the organizations."""

from dataclasses import replace

from .countries import COUNTRY_BY_CODE
from .people import person_claims
from .plans import EMAIL_DOMAIN, KNOWS, OFFERS, WANTS, PersonPlan

# What the demo accounts know, offer and want, as in docs' personas (Mei, Rafael, Amina), when
# the taxonomy has these codes: (knows, offers, wants).
ACCOUNT_CAPACITIES = {
    "demo-admin": (
        ("capacity-building", "training-design", "mentoring", "evaluation"),
        ("capacity-building", "mentoring"),
        ("data-visualization",),
    ),
    "demo-organizer": (
        ("wikipedia-in-education", "open-education", "project-management"),
        ("wikipedia-in-education",),
        ("fundraising", "organizational-governance", "board-governance"),
    ),
    "demo-member": (
        ("writing-articles", "editing-wikipedia", "translation"),
        (),
        ("event-organizing", "edit-a-thon", "grant-writing"),
    ),
}


def _account_claims(rng, codes, knows, offers, wants) -> tuple[tuple[str, str, int], ...]:
    """The account's own capacities when the taxonomy has them; random ones otherwise."""
    present = set(codes)
    knows = [code for code in knows if code in present]
    wants = [code for code in wants if code in present]
    if len(knows) < 3 or not wants:
        return person_claims(rng, codes)
    claims = [(code, KNOWS, 4) for code in knows]
    claims += [(code, OFFERS, 4) for code in offers if code in knows]
    claims += [(code, WANTS, 1) for code in wants]
    return tuple(claims)


def plan_accounts(rng, codes, orgs, mapping):
    """demo-admin (staff), demo-organizer (manages the first chapter), demo-member."""
    every = dict.fromkeys(("wikimedia_username", "pronouns", "bio", "location"), "public")
    every |= dict.fromkeys(("languages", "affiliations", "capacities"), "public")

    def account(username, display, country, zone, languages, bio, **flags) -> PersonPlan:
        first, _sep, last = display.partition(" ")
        knows, offers, wants = ACCOUNT_CAPACITIES[username]
        return PersonPlan(
            username=username,
            email=f"{username}@{EMAIL_DOMAIN}",
            first_name=first,
            last_name=last,
            display_name=display,
            wikimedia_username=display.replace(" ", ""),
            pronouns="",
            bio=bio,
            country=country,
            region=mapping.get(country, COUNTRY_BY_CODE[country].region),
            time_zone=zone,
            visibility=dict(every),
            languages=tuple(languages),
            claims=_account_claims(rng, codes, knows, offers, wants),
            is_account=True,
            **flags,
        )

    first_chapter = next((o for o in orgs if o.kind == "chapter"), None)
    organizer_country = first_chapter.countries[0] if first_chapter else "BR"
    organizer_zone = COUNTRY_BY_CODE.get(organizer_country, COUNTRY_BY_CODE["BR"]).zone
    people = [
        account(
            "demo-admin",
            "Demo Admin",
            "NL",
            "Europe/Amsterdam",
            [("en", 5), ("nl", 0), ("fr", 3)],
            "Demo account of the Capacity Building Unit (staff).",
            is_staff=True,
            is_superuser=True,
        ),
        account(
            "demo-organizer",
            "Demo Organizer",
            organizer_country,
            organizer_zone,
            [("pt", 0), ("es", 4), ("en", 4)],
            "Demo account: manages a chapter's page and members.",
        ),
        account(
            "demo-member",
            "Demo Member",
            "NG",
            "Africa/Lagos",
            [("ha", 0), ("en", 4)],
            "Demo account: a volunteer editor of Hausa Wikipedia.",
        ),
    ]
    result = []
    member_org = next((o for o in orgs if o.kind == "user_group" and o.region == "ssa"), None)
    for org in orgs:
        members = list(org.members)
        if org is first_chapter:
            members.insert(0, ("demo-organizer", "manager"))
        if org is member_org:
            members.append(("demo-member", "member"))
        result.append(org if members == list(org.members) else replace(org, members=tuple(members)))
    return people, result
