"""Page weight: what a first visit transfers, gzip-compressed, for the home page and every list.

A fresh test Client (no cache, anonymous) fetches the page; every stylesheet, script and image
it references from our static files is read through the staticfiles finders (so `collectstatic`
is not needed) and counted once. Icons are inline SVG, so they are in the HTML. Everything is
gzip-compressed at level 6 (what nginx and WhiteNoise's pre-compression give, roughly), and the
sum is what the reader's browser downloads on a first visit, before any caching.

Targets (issue 12): home ≤ 100 KB, any list page ≤ 150 KB.
`capacityhub/web/tests/test_page_weight.py` holds the pages to them on every test run.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client

from .common import Result

HOME_BUDGET = 100 * 1024
LIST_BUDGET = 150 * 1024

PAGES = [
    ("home", "/"),
    ("people", "/people/"),
    ("organizations", "/organizations/"),
    ("needs", "/needs/"),
    ("offers", "/offers/"),
    ("capacities", "/capacities/"),
    ("resources", "/resources/"),
    ("courses", "/courses/"),
    ("live sessions", "/sessions/"),
    ("events", "/events/"),
    ("search", "/search/?q=wiki"),
    ("capacity map", "/map/"),
]

_ASSET = re.compile(
    r"""<(?:link[^>]+rel=["']stylesheet["'][^>]*href|script[^>]+src|img[^>]+src)=["']([^"']+)["']"""
)
_CSS_URL = re.compile(r"""url\(\s*["']?([^"')]+)["']?\s*\)""")


@dataclass
class PageWeight:
    path: str
    status: int
    html: int = 0  # gzip bytes
    assets: dict[str, int] = field(default_factory=dict)  # static path -> gzip bytes

    @property
    def total(self) -> int:
        return self.html + sum(self.assets.values())

    def describe(self) -> str:
        css = sum(size for name, size in self.assets.items() if name.endswith(".css"))
        js = sum(size for name, size in self.assets.items() if name.endswith(".js"))
        other = self.total - self.html - css - js
        parts = f"HTML {kb(self.html)} + CSS {kb(css)} + JS {kb(js)}"
        return parts + (f" + other {kb(other)}" if other else "")


def kb(size: int) -> str:
    return f"{size / 1024:.1f} KB"


def gzipped(content: bytes) -> int:
    return len(gzip.compress(content, compresslevel=6, mtime=0))


def _static_file(url: str) -> bytes | None:
    if not url.startswith(settings.STATIC_URL):
        return None  # data: URIs are inside the file that holds them; no third-party assets
    path = finders.find(url[len(settings.STATIC_URL) :].split("?")[0])
    if path is None:
        raise FileNotFoundError(f"{url} is referenced but not found by the static files finders")
    with open(path, "rb") as handle:
        return handle.read()


def weigh(path: str, client: Client | None = None) -> PageWeight:
    """What a first visit to `path` transfers, compressed."""
    response = (client or Client()).get(path)
    page = PageWeight(path=path, status=response.status_code, html=gzipped(response.content))
    pending = _ASSET.findall(response.content.decode())
    while pending:
        url = pending.pop()
        if url in page.assets:
            continue
        content = _static_file(url)
        if content is None:
            continue
        page.assets[url] = gzipped(content)
        if url.endswith(".css"):
            pending += [u for u in _CSS_URL.findall(content.decode()) if not u.startswith("data:")]
    return page


def budget(name: str) -> int:
    return HOME_BUDGET if name == "home" else LIST_BUDGET


def run() -> list[Result]:
    results = []
    for name, path in PAGES:
        page = weigh(path)
        verdict = "ok" if page.total <= budget(name) else "OVER BUDGET"
        results.append(
            Result(
                f"page weight: {name} ({path})",
                note=f"{kb(page.total)} gzip, first visit ({page.describe()}); "
                f"budget {kb(budget(name))}: {verdict}; HTTP {page.status}",
            )
        )
    return results
