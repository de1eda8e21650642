"""The people directory: one filtered page of 50 people (capacity + language + region).

(a) in-process: profile_list + with_profile_details, a page of 50 and profile_view for each,
    i.e. all the work of the directory page but the template;
(b) the HTML page /people/ and the API /api/v1/people through Django's test Client.
"""

from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.db.models import Count
from django.test import Client, override_settings

from capacityhub.community.models import CapacityClaim
from capacityhub.community.selectors import profile_list, profile_view, with_profile_details
from capacityhub.taxonomy.selectors import capacity_code_map, taxonomy_tree

from .common import Result, measure

PAGE = 50
LANGUAGE = "en"
REGION = "ssa"


def busiest_root() -> tuple[int, str]:
    """The root capacity whose subtree has the most claims: the heaviest realistic filter."""
    tree = taxonomy_tree()
    per_capacity = dict(
        CapacityClaim.objects.filter(profile__isnull=False)
        .values_list("capacity_id")
        .annotate(n=Count("id"))
        .values_list("capacity_id", "n")
    )
    root = max(tree.roots(), key=lambda cid: sum(per_capacity.get(c, 0) for c in tree.subtree(cid)))
    codes = {cid: code for code, cid in capacity_code_map().items()}
    return root, codes[root]


def _http(client: Client, name: str, url: str, note: str) -> Result:
    try:
        response = client.get(url)
    except Exception as error:  # a page still being built must not stop the benchmark
        return Result(name, note=f"not available ({type(error).__name__}: {error})")
    if response.status_code != 200:
        return Result(name, note=f"not available (HTTP {response.status_code} for {url})")

    def work():
        assert client.get(url).status_code == 200

    return measure(name, work, note=note)


def run() -> list[Result]:
    viewer = AnonymousUser()
    capacity_id, code = busiest_root()
    matching = profile_list(
        viewer=viewer, capacity_id=capacity_id, language=LANGUAGE, region=REGION
    ).count()
    filters = f"capacity={code}, language={LANGUAGE}, region={REGION}: {matching} match"

    def directory_page():
        profiles = with_profile_details(
            profile_list(viewer=viewer, capacity_id=capacity_id, language=LANGUAGE, region=REGION)
        )
        page = Paginator(profiles, PAGE).get_page(1)
        views = [profile_view(profile, viewer) for profile in page.object_list]
        assert len(views) == min(PAGE, matching)
        return views

    results = [measure("people page, in-process (anonymous)", directory_page, note=filters)]

    client = Client()
    query = f"capacity={code}&language={LANGUAGE}&region={REGION}"
    with override_settings(PAGE_SIZE=PAGE):
        results.append(
            _http(client, "GET /people/ (HTML, anonymous)", f"/people/?{query}", "page of 50")
        )
    results.append(
        _http(
            client,
            "GET /api/v1/people (JSON, anonymous)",
            f"/api/v1/people?{query}&page_size={PAGE}",
            "page_size=50",
        )
    )
    return results
