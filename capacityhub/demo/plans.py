"""What the demo community is made of, as plain frozen dataclasses: a person, an organization,
the whole plan, and the plan as canonical JSON (equal plans give byte-identical text)."""

import json
from dataclasses import asdict, dataclass, field

DEMO_PASSWORD = "demo"
DEMO_ACCOUNTS = ("demo-admin", "demo-organizer", "demo-member")
WEBSITE = "https://example.org/{slug}"  # never a real domain
EMAIL_DOMAIN = "example.org"

KNOWS, OFFERS, WANTS = "knows", "offers", "wants"


@dataclass(frozen=True)
class PersonPlan:
    username: str
    email: str
    first_name: str
    last_name: str
    display_name: str
    wikimedia_username: str
    pronouns: str
    bio: str
    country: str
    region: str
    time_zone: str
    visibility: dict[str, str]  # field group → public / members / private
    languages: tuple[tuple[str, int], ...]  # (code, proficiency 0 = native … 5)
    claims: tuple[tuple[str, str, int], ...]  # (capacity code, relation, level 1..5)
    is_staff: bool = False
    is_superuser: bool = False
    is_account: bool = False  # a demo account with the demo password


@dataclass(frozen=True)
class OrganizationPlan:
    slug: str
    kind: str
    name: str
    names: dict[str, str]
    description: str
    countries: tuple[str, ...]
    region: str
    website: str
    languages: tuple[str, ...]
    claims: tuple[tuple[str, str, int], ...]  # (capacity code, offers|wants, level)
    members: tuple[tuple[str, str], ...]  # (username, member|manager)


@dataclass(frozen=True)
class DemoPlan:
    seed: int
    people: tuple[PersonPlan, ...]  # generated people, then the demo accounts
    organizations: tuple[OrganizationPlan, ...]
    capacity_codes: tuple[str, ...] = field(default=())

    @property
    def languages(self) -> set[str]:
        return {code for person in self.people for code, _level in person.languages}

    @property
    def regions(self) -> set[str]:
        return {person.region for person in self.people}


def plan_json(plan: DemoPlan) -> str:
    """The plan as canonical JSON: equal plans give byte-identical text."""
    return json.dumps(asdict(plan), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
