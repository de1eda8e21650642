"""Each later app's share of the gates, in its own module `gates/part_<app>.py`, so that apps
built side by side never edit the same gate files. A part module may define:

  TRACKED        models its writes touch (joins the "nothing changed" fingerprint);
  build_world(world) -> dict
                 objects it needs in the permission matrix's world (owned by world.users
                 ["owner"] where ownership matters); stored in `world.extra`;
  api_known(*, member, other, staff, organization) -> dict[str, list]
                 real values for the API fuzz run, by parameter or field name
                 (`member` holds the fuzz token and manages `organization`);
  API_ROWS, WEB_ROWS, WEB_READ_ONLY
                 its permission-matrix rows (see matrix.Row) and its read-only page names;
  READ_ONLY_ARGS {page name: callable(world) -> URL args} for read-only pages that take some.
"""

import importlib
from types import ModuleType

APPS = [
    "knowledge",
    "learning",
    "events",
    "search",
    "forms",
    "integrity",
    "review",
    "mentoring",
    "recognition",
    "orgdev",
    "funding",
    "evaluation",
    "governance",
    "ui",
]  # fmt: skip


def modules() -> list[ModuleType]:
    return [importlib.import_module(f"gates.part_{app}") for app in APPS]


def collect(name: str, default) -> list:
    """The concatenation of attribute `name` over every part module."""
    found = []
    for module in modules():
        found.extend(getattr(module, name, default))
    return found
