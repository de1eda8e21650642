"""The governance app's pages in the accessibility gate (see journeys/pages.py)."""

PAGE_TYPES: list = []

NOT_PAGES: set = set()


def seed(hub) -> dict:
    return {}
