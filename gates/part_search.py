"""The search helper's share of the gates (see gates/parts.py): the open-data pages and
downloads only read; search has no writes. The fuzz run gets real facet values and dump
names for GET /api/v1/search and GET /api/v1/data/{name}."""

TRACKED: list = []
API_ROWS: list = []
WEB_ROWS: list = []
WEB_READ_ONLY = {"open-data", "open-data-download"}


def build_world(world) -> dict:
    return {}


def api_known(*, member, other, staff, organization) -> dict:
    return {
        "name": ["resources.json", "resources.csv", "taxonomy.json", "taxonomy.csv"],
        "capacity": ["lua-scripting", "fundraising"],
        "language": ["en", "es"],
        "region": ["ssa"],
        "type": ["guide"],
    }


# Arguments to reverse these read-only pages with (for the read-only POST test, once
# gates/test_permission_matrix.py reads READ_ONLY_ARGS from the parts).
READ_ONLY_ARGS = {"open-data-download": lambda world: ["resources.json"]}
