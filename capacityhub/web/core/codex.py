"""Codex, Wikimedia's design system, trimmed to what our pages use (decision 0015).

`npm ci` puts the pinned packages in `node_modules/`; `manage.py build_codex` (run by `make`)
writes `static_build/static/web/codex.css` (design tokens as CSS custom properties + the CSS-only
components listed below, without the rules only the Vue components need) and
`static_build/codex-icons.json` (the icons listed below, for the `{% icon %}` tag). Nothing
built is committed: a fresh clone gets it from `make`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from django.conf import settings

NODE_MODULES = Path(settings.BASE_DIR) / "node_modules" / "@wikimedia"
BUILD_DIR = Path(settings.BASE_DIR) / "capacityhub" / "web" / "static_build"
CSS_PATH = BUILD_DIR / "static" / "web" / "codex.css"  # served: STATICFILES_DIRS
ICONS_PATH = BUILD_DIR / "codex-icons.json"

# Codex components our templates use (their CSS-only markup). Add one here when a page needs it.
COMPONENTS = (
    "Accordion",
    "Button",
    "Card",
    "Checkbox",
    "Field",
    "InfoChip",
    "Label",
    "Message",
    "ProgressBar",
    "Radio",
    "SearchInput",
    "Select",
    "Table",
    "Tabs",
    "TextArea",
    "TextInput",
    "ToggleSwitch",
)

# Icons the `{% icon %}` tag may render. Names as in @wikimedia/codex-icons.
ICONS = (
    "cdxIconAdd",
    "cdxIconAlert",
    "cdxIconArrowNext",
    "cdxIconArrowPrevious",
    "cdxIconBell",
    "cdxIconCalendar",
    "cdxIconCheck",
    "cdxIconClose",
    "cdxIconDownload",
    "cdxIconEdit",
    "cdxIconError",
    "cdxIconFeedback",
    "cdxIconFilter",
    "cdxIconFolderPlaceholder",
    "cdxIconHelp",
    "cdxIconHome",
    "cdxIconInfo",
    "cdxIconLanguage",
    "cdxIconLinkExternal",
    "cdxIconLock",
    "cdxIconLogIn",
    "cdxIconLogOut",
    "cdxIconMapPin",
    "cdxIconMenu",
    "cdxIconMessage",
    "cdxIconNext",
    "cdxIconPrevious",
    "cdxIconSearch",
    "cdxIconSettings",
    "cdxIconSuccess",
    "cdxIconTrash",
    "cdxIconUpload",
    "cdxIconUserAdd",
    "cdxIconUserAvatar",
    "cdxIconUserGroup",
)

# Rules only the Vue components or their transitions need.
_VUE_ONLY = re.compile(r"-vue|-enter-|-leave-|__pending-indicator|-pager")


class CodexNotBuilt(RuntimeError):
    """node_modules or the trimmed build is missing: run `make assets`."""


HOW_TO_BUILD = (
    "Codex assets are not built. Run `make assets` (npm ci --no-audit --no-fund, then "
    "`manage.py build_codex`); `make run`, `make test` and `make bench` do it for you."
)


def _top_level_rules(css: str) -> list[str]:
    """Split a minified stylesheet into top-level blocks (a rule or an @-block)."""
    blocks, depth, start = [], 0, 0
    for index, char in enumerate(css):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                blocks.append(css[start : index + 1].strip())
                start = index + 1
    return [block for block in blocks if block]


def trim_rule(rule: str) -> str:
    """Drop the selectors only Vue components use; '' when nothing is left."""
    if rule.startswith("@media") or rule.startswith("@supports"):
        head, _, body = rule.partition("{")
        inner = [trim_rule(r) for r in _top_level_rules(body[:-1])]
        inner = [r for r in inner if r]
        return f"{head}{{{''.join(inner)}}}" if inner else ""
    if rule.startswith("@"):
        return "" if _VUE_ONLY.search(rule.partition("{")[0]) else rule
    selectors, _, declarations = rule.partition("{")
    kept = [s for s in selectors.split(",") if not _VUE_ONLY.search(s)]
    return f"{','.join(kept)}{{{declarations}" if kept else ""


def trim_stylesheet(css: str) -> str:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return "".join(filter(None, (trim_rule(rule) for rule in _top_level_rules(css))))


def _read(path: Path) -> str:
    if not path.exists():
        raise CodexNotBuilt(f"{path} is missing. {HOW_TO_BUILD}")
    return path.read_text(encoding="utf-8")


def build_css() -> str:
    tokens = _read(NODE_MODULES / "codex-design-tokens" / "dist" / "theme-wikimedia-ui.css")
    tokens = re.sub(r"/\*.*?\*/", "", tokens, flags=re.S)
    tokens = re.sub(r"\s*\n\s*", "", tokens)
    parts = ["/* Codex 2.7.0 (GPL-2.0-or-later), trimmed by manage.py build_codex */", tokens]
    modules = NODE_MODULES / "codex" / "dist" / "modules"
    for component in COMPONENTS:
        parts.append(trim_stylesheet(_read(modules / f"Cdx{component}-bidi.css")))
    return "\n".join(parts) + "\n"


def build_icons() -> dict[str, dict[str, str]]:
    """{name: {"ltr": svg, "rtl": svg, "flip": "1"|""}}: one shape per direction."""
    source = json.loads(_read(NODE_MODULES / "codex-icons" / "dist" / "codex-icons.json"))
    icons = {}
    for name in ICONS:
        icon = source[name]
        if isinstance(icon, str):
            icons[name] = {"ltr": icon, "rtl": icon, "flip": ""}
        elif "langCodeMap" in icon:
            icons[name] = {"ltr": icon["default"], "rtl": icon["default"], "flip": ""}
        else:
            ltr = icon["ltr"]
            flip = "1" if icon.get("shouldFlip") else ""
            icons[name] = {"ltr": ltr, "rtl": icon.get("rtl", ltr), "flip": flip}
    return icons


def build() -> None:
    CSS_PATH.parent.mkdir(parents=True, exist_ok=True)
    CSS_PATH.write_text(build_css(), encoding="utf-8")
    ICONS_PATH.write_text(json.dumps(build_icons(), indent=0, sort_keys=True), encoding="utf-8")


_icons: dict[str, dict[str, str]] | None = None


def icon_shapes() -> dict[str, dict[str, str]]:
    global _icons
    if _icons is None:
        if not ICONS_PATH.exists():
            raise CodexNotBuilt(f"{ICONS_PATH} is missing. {HOW_TO_BUILD}")
        _icons = json.loads(ICONS_PATH.read_text(encoding="utf-8"))
    return _icons
