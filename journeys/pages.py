"""Each later app's pages for the accessibility gate, in its own module `journeys/pages_<app>.py`
so apps built side by side never edit test_accessibility.py. A pages module defines:

  PAGE_TYPES   [(name, path or callable(hub) -> path, who: None|"member"|"manager"|"staff")],
               names prefixed with the app ("resource-detail", …); paths may read
               `hub.extra[...]` (what `seed` returned);
  NOT_PAGES    route names of the web app that are not pages (POST actions, downloads, .ics);
  seed(hub) -> dict
               objects those pages need, built on the seeded hub (hub.users["member"] is
               amina, "manager" is kwame who manages hub.organization, "staff" is staff).
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
    return [importlib.import_module(f"journeys.pages_{app}") for app in APPS]


def collect(name: str, default) -> list:
    found = []
    for module in modules():
        found.extend(getattr(module, name, default))
    return found
