"""The recognition app's share of the gates (see gates/parts.py)."""

TRACKED: list = []
API_ROWS: list = []
WEB_ROWS: list = []
WEB_READ_ONLY: set = set()


def build_world(world) -> dict:
    return {}


def api_known(*, member, other, staff, organization) -> dict[str, list]:
    return {}
