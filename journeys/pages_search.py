"""Search facets and the open-data page in the accessibility gate (see journeys/pages.py)."""

PAGE_TYPES: list = [
    ("search-facets", "/search/?q=wiki&language=en&region=ssa", None),
    ("search-facets-member", "/search/?q=lua&capacity=lua-scripting", "member"),
    ("open-data", "/data/", None),
]
# Downloads are files, not pages.
NOT_PAGES: set = {"open-data-download"}


def seed(hub) -> dict:
    return {}
