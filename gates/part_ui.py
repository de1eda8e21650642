"""The UI helper's share of the gates (see gates/parts.py): the role dashboard only reads."""

TRACKED: list = []
API_ROWS: list = []
WEB_ROWS: list = []
WEB_READ_ONLY = {"dashboard"}


def build_world(world) -> dict:
    return {}


def api_known(*, member, other, staff, organization) -> dict:
    return {}
