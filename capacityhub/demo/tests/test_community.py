"""The demo community: a deterministic plan, and `seed_demo`."""

from collections import Counter
from io import StringIO
from zoneinfo import available_timezones

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.core.management.base import CommandError

from capacityhub.community.models import Membership, Organization, Profile, User
from capacityhub.core.languages import is_country, is_language
from capacityhub.core.regions import REGIONS
from capacityhub.demo.community import build_community
from capacityhub.demo.community_io import write_community
from capacityhub.demo.countries import COUNTRIES
from capacityhub.demo.plans import DEMO_ACCOUNTS, plan_json

CODES = [f"capacity-{n:02d}" for n in range(30)]


@pytest.fixture(scope="module")
def plan():
    return build_community(capacity_codes=CODES)


def claims_of(person, relation):
    return {code for code, rel, _level in person.claims if rel == relation}


# --- the plan (no database) -----------------------------------------------------------------


def test_the_same_seed_gives_a_byte_identical_plan(plan):
    assert plan_json(build_community(capacity_codes=reversed(CODES))) == plan_json(plan)


def test_another_seed_gives_another_plan(plan):
    assert plan_json(build_community(seed=7, capacity_codes=CODES)) != plan_json(plan)


def test_the_default_plan_has_enough_people_and_organizations(plan):
    generated = [p for p in plan.people if not p.is_account]
    assert len(generated) >= 300
    assert len(plan.organizations) >= 40
    assert [p.username for p in plan.people if p.is_account] == list(DEMO_ACCOUNTS)


def test_people_and_organizations_cover_all_eight_regions(plan):
    assert {p.region for p in plan.people} == set(REGIONS)
    assert {o.region for o in plan.organizations} == set(REGIONS)


def test_people_speak_at_least_fifteen_languages(plan):
    assert len(plan.languages) >= 15
    assert all(is_language(code) for code in plan.languages)
    for person in plan.people:
        levels = dict(person.languages)
        assert 0 in levels.values()  # a native language
        assert all(0 <= level <= 5 for level in levels.values())


def test_every_person_offers_only_what_they_know(plan):
    for person in plan.people:
        assert claims_of(person, "offers") <= claims_of(person, "knows")
        assert not claims_of(person, "wants") & claims_of(person, "knows")


def test_capacity_profiles_have_plausible_sizes_and_levels(plan):
    for person in plan.people:
        assert 3 <= len(claims_of(person, "knows")) <= 8
        assert 0 <= len(claims_of(person, "offers")) <= 3
        assert 1 <= len(claims_of(person, "wants")) <= 4
        assert all(1 <= level <= 5 for _code, _rel, level in person.claims)
        assert all(code in CODES for code, _rel, _level in person.claims)


def test_countries_time_zones_and_names_are_valid(plan):
    zones = available_timezones()
    for person in plan.people:
        assert is_country(person.country)
        assert person.time_zone in zones
        assert person.display_name and person.wikimedia_username and person.bio
        assert person.email.endswith("@example.org")
    assert len({p.username.lower() for p in plan.people}) == len(plan.people)
    assert {c.zone for c in COUNTRIES} <= zones


def test_visibility_is_mostly_public_with_some_restrictions(plan):
    bio = Counter(p.visibility["bio"] for p in plan.people)
    location = Counter(p.visibility["location"] for p in plan.people)
    assert bio["public"] > len(plan.people) * 0.7
    assert bio["members"] > 0
    assert location["private"] > 0


def test_organizations_are_plausible(plan):
    assert len({o.slug for o in plan.organizations}) == len(plan.organizations)
    kinds = Counter(o.kind for o in plan.organizations)
    assert {"chapter", "user_group", "thematic", "informal", "partner", "hub"} <= set(kinds)
    assert plan.organizations[0].kind == "chapter"
    region_of = {p.username: p.region for p in plan.people}
    for org in plan.organizations:
        assert org.website == f"https://example.org/{org.slug}"
        assert all(is_country(code) for code in org.countries)
        assert all(is_language(code) for code in [*org.languages, *org.names])
        assert any(role == "manager" for _user, role in org.members)
        assert {region_of[user] for user, _role in org.members} == {org.region}
        offers, wants = (
            {code for code, rel, _lv in org.claims if rel == relation}
            for relation in ("offers", "wants")
        )
        assert offers and wants and not offers & wants
    wikimedia = [o for o in plan.organizations if o.kind in ("chapter", "user_group", "hub")]
    assert all(2 <= len(o.names) <= 3 for o in wikimedia)


def test_the_organizer_manages_the_first_chapter(plan):
    assert ("demo-organizer", "manager") in plan.organizations[0].members


def test_a_large_plan_stays_unique():
    big = build_community(people=3000, organizations=150, capacity_codes=CODES, accounts=False)
    assert len(big.people) == 3000
    assert len({p.username.lower() for p in big.people}) == 3000
    assert len({o.slug for o in big.organizations}) == 150


def test_a_small_taxonomy_is_enough():
    small = build_community(people=10, organizations=3, capacity_codes=CODES[:4])
    for person in small.people:
        assert claims_of(person, "offers") <= claims_of(person, "knows")


# --- seed_demo (database) -------------------------------------------------------------------


def seed(**options) -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def debug(settings):
    settings.DEBUG = True
    return settings


def test_seed_demo_creates_people_organizations_and_demo_accounts(debug, taxonomy):
    output = seed(people=320)

    assert "320 people" in output and "8 regions" in output
    assert User.objects.filter(is_demo=True).count() == 323
    assert Profile.objects.count() == User.objects.count()
    assert Organization.objects.count() == 44
    assert Profile.objects.values("country").distinct().count() > 20

    admin = User.objects.get(username="demo-admin")
    organizer = User.objects.get(username="demo-organizer")
    member = User.objects.get(username="demo-member")
    assert admin.is_staff and admin.is_superuser
    assert not organizer.is_staff and not member.is_staff
    for account in (admin, organizer, member):
        assert account.is_demo
        assert account.check_password("demo")
        assert EmailAddress.objects.filter(user=account, verified=True, primary=True).exists()
    managed = Membership.objects.get(user=organizer, role=Membership.Role.MANAGER)
    assert managed.organization.kind == "chapter"
    assert (
        not User.objects.filter(is_demo=True, is_active=True)
        .exclude(username__in=DEMO_ACCOUNTS)
        .exclude(password__startswith="!")
        .exists()
    )  # generated people cannot log in


def test_seed_demo_refuses_when_debug_is_off(settings, taxonomy):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="never exist in production"):
        seed(people=5, organizations=2)
    assert not User.objects.filter(username="demo-admin").exists()


def test_seed_demo_with_force_loads_even_when_debug_is_off(settings, taxonomy):
    settings.DEBUG = False
    seed(people=5, organizations=2, force=True)
    assert User.objects.filter(username="demo-admin").exists()


def test_a_second_run_changes_nothing(debug, taxonomy):
    seed(people=20, organizations=4)
    users, organizations = User.objects.count(), Organization.objects.count()
    assert "Demo data already loaded." in seed(people=20, organizations=4)
    assert (User.objects.count(), Organization.objects.count()) == (users, organizations)


def test_seed_demo_needs_the_taxonomy(debug, db):
    with pytest.raises(CommandError, match="taxonomy_import"):
        seed(people=5)


def test_seed_demo_leaves_existing_usernames_alone(debug, taxonomy, owner):
    plan = build_community(people=40, organizations=4, capacity_codes=list(taxonomy))
    taken = plan.people[0].username
    User.objects.create(username=taken)
    seed(people=40, organizations=4)
    assert User.objects.get(username=taken).is_demo is False
    assert User.objects.filter(is_demo=True).count() == 43


def test_write_demo_creates_a_profile_for_everyone(db, taxonomy):
    plan = build_community(people=15, organizations=3, capacity_codes=list(taxonomy))
    counts = write_community(plan)
    assert counts["people"] == 18
    profiles = Profile.objects.filter(user__is_demo=True)
    assert profiles.count() == 18
    person = plan.people[0]
    profile = profiles.get(user__username=person.username)
    assert profile.display_name == person.display_name
    assert profile.bio_visibility == person.visibility["bio"]
    assert sorted(profile.languages.values_list("language", "proficiency")) == sorted(
        person.languages
    )
    assert profile.claims.count() == len(person.claims)


def test_demo_accounts_carry_their_personas_capacities_when_the_taxonomy_has_them():
    codes = [*CODES, "writing-articles", "editing-wikipedia", "translation", "event-organizing"]
    codes += ["edit-a-thon", "grant-writing"]
    member = build_community(people=10, organizations=2, capacity_codes=codes).people[-1]
    assert member.username == "demo-member"
    assert claims_of(member, "wants") == {"event-organizing", "edit-a-thon", "grant-writing"}
    assert claims_of(member, "knows") == {"writing-articles", "editing-wikipedia", "translation"}
