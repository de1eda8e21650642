"""The role dashboard in the accessibility gate (see journeys/pages.py)."""

PAGE_TYPES: list = [
    ("dashboard-member", "/dashboard/", "member"),
    ("dashboard-manager", "/dashboard/", "manager"),
    ("dashboard-staff", "/dashboard/", "staff"),
]
NOT_PAGES: set = set()


def seed(hub) -> dict:
    return {}
