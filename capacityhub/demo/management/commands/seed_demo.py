"""python manage.py seed_demo: load the deterministic demo community (development only)."""

import importlib
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from capacityhub.community.models import Organization, User
from capacityhub.core.regions import country_regions
from capacityhub.demo.community import build_community
from capacityhub.demo.community_io import write_community
from capacityhub.demo.exchange import write_exchange
from capacityhub.demo.plans import DEMO_ACCOUNTS, DEMO_PASSWORD
from capacityhub.taxonomy.models import Capacity

STARTER_TAXONOMY = "capacityhub/taxonomy/data/starter_taxonomy.json"
# Later apps add their demo content with `capacityhub/<app>/demo.py: write_demo(*, seed) -> str`
# (a one-line summary), run in this order after the community and the exchange.
DEMO_APPS = [
    "knowledge",
    "learning",
    "events",
    "review",
    "mentoring",
    "recognition",
    "orgdev",
    "funding",
    "evaluation",
    "governance",
]


def _country_regions() -> dict[str, str]:
    """data/regions.csv when present; the demo's own mapping otherwise."""
    try:
        return country_regions()
    except FileNotFoundError:
        return {}


class Command(BaseCommand):
    help = (
        "Load the demo community: people and organizations in all eight regions, and the demo "
        f"accounts {', '.join(DEMO_ACCOUNTS)} (password “{DEMO_PASSWORD}”). Development only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=320, help="people (default 320)")
        parser.add_argument(
            "--organizations", type=int, default=44, help="organizations (default 44)"
        )
        parser.add_argument("--seed", type=int, default=2030, help="random seed (default 2030)")
        parser.add_argument(
            "--force",
            action="store_true",
            help="load even when DEBUG is off (a throwaway database only)",
        )

    def handle(self, *args, people, organizations, seed, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to load demo data with DEBUG off: demo accounts must never exist in "
                "production. Use --force only on a throwaway database."
            )
        if people < 0 or organizations < 0:
            raise CommandError("--people and --organizations cannot be negative.")
        if User.objects.filter(username__in=DEMO_ACCOUNTS).exists():
            self.stdout.write("Demo data already loaded.")
            return
        codes = list(
            Capacity.objects.filter(is_active=True).order_by("code").values_list("code", flat=True)
        )
        if not codes:
            raise CommandError(
                "There are no capacities yet: load the taxonomy first with "
                f"`python manage.py taxonomy_import --if-empty {STARTER_TAXONOMY}`."
            )
        started = time.perf_counter()
        plan = build_community(
            seed=seed,
            people=people,
            organizations=organizations,
            capacity_codes=codes,
            country_regions=_country_regions(),
            reserved_usernames=User.objects.values_list("username", flat=True),
            reserved_slugs=Organization.objects.values_list("slug", flat=True),
        )
        counts = write_community(plan)
        exchange = write_exchange(
            seed=seed, organization_slugs=[o.slug for o in plan.organizations]
        )
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded demo data in {elapsed:.1f} s: {people} people (+{len(DEMO_ACCOUNTS)} demo "
                f"accounts), {counts['organizations']} organizations, {counts['languages']} "
                f"languages, {counts['regions']} regions, {counts['claims']} capacity claims, "
                f"{counts['memberships']} memberships."
            )
        )
        self.stdout.write(
            f"Exchange: {exchange['needs']} needs, {exchange['offers']} offers "
            f"({exchange['availability']} with availability), {exchange['connections']} "
            f"connections, {exchange['evidence']} evidence records."
        )
        for app in DEMO_APPS:
            demo = importlib.import_module(f"capacityhub.{app}.demo")
            self.stdout.write(demo.write_demo(seed=seed))
        self.stdout.write(
            f"Sign in as {', '.join(DEMO_ACCOUNTS)} with the password “{DEMO_PASSWORD}”."
        )
