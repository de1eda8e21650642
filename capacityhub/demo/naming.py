"""Helpers for names: Latin-script renderings, CLDR country and language names, slugs, seeded
names per language community (`Namer`) and unique names (`Unique`)."""

import random
import re
import unicodedata
from collections.abc import Iterable
from functools import cache

from babel import Locale, UnknownLocaleError
from faker import Faker

from .countries import BUILTIN_NAMES, FAMILY_NAME_FIRST, Country

_LATIN_EXTRA = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "ß": "ss", "đ": "d",
     "Đ": "D", "ı": "i", "ə": "e", "Ə": "E", "þ": "th", "ð": "d", "’": "", "'": ""}
)  # fmt: skip
_CYRILLIC_LATIN = (
    "a b v h g d e ie io zh z y i i i k l m n o p r s t u f kh ts ch sh shch - y - e iu ia"
)
_CYRILLIC = dict(
    zip(
        "абвгґдеєёжзиіїйклмнопрстуфхцчшщъыьэюя",
        _CYRILLIC_LATIN.replace("-", "").split(" "),
        strict=True,
    )
)


def latin_name(text: str) -> str:
    """A Latin-script rendering of a name, or '' when the script has no simple one."""
    text = "".join(
        (_CYRILLIC.get(ch.lower(), ch).capitalize() if ch.isupper() else _CYRILLIC.get(ch, ch))
        for ch in text.translate(_LATIN_EXTRA)
    )
    folded = "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )
    if not folded or not all(ch.isascii() for ch in folded):
        return ""
    return folded


@cache
def _locale(language: str) -> Locale | None:
    try:
        return Locale.parse(language)
    except (ValueError, UnknownLocaleError):
        return None


def country_name(code: str, language: str = "en") -> str:
    locale = _locale(language) or _locale("en")
    return locale.territories.get(code) or _locale("en").territories.get(code, code)


def language_name(code: str, language: str = "en") -> str:
    locale = _locale(language) or _locale("en")
    name = locale.languages.get(code) or _locale("en").languages.get(code, code)
    return name[:1].upper() + name[1:] if language == "en" else name


def slugify(text: str) -> str:
    text = latin_name(text.replace("+", " ")) or text
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:70] or "organization"


def humanize(code: str) -> str:
    return code.replace("-", " ").replace("_", " ")


def split_city(entry: str, country: Country) -> tuple[str, str]:
    name, _sep, zone = entry.partition("@")
    return name, zone or country.zone


def weighted(rng: random.Random, items, weights):
    return rng.choices(items, weights=weights, k=1)[0]


class Namer:
    """Plausible names per community: a seeded Faker per locale, or the built-in lists."""

    def __init__(self, seed: int):
        self.seed = seed
        self.rng = random.Random(f"{seed}:builtin")
        self.fakers: dict[str, Faker] = {}

    def name(self, source: str, female: bool) -> tuple[str, str, str]:
        if source.startswith("builtin:"):
            females, males, families = BUILTIN_NAMES[source.split(":", 1)[1]]
            first = self.rng.choice(females if female else males)
            last = self.rng.choice(families)
            return first, last, f"{first} {last}"
        fake = self._faker(source)
        first = fake.first_name_female() if female else fake.first_name_male()
        last = fake.last_name()
        separator = FAMILY_NAME_FIRST.get(source)
        if separator is not None:
            return first, last, f"{last}{separator}{first}"
        return first, last, f"{first} {last}"

    def _faker(self, locale: str) -> Faker:
        fake = self.fakers.get(locale)
        if fake is None:
            fake = Faker(locale)
            fake.seed_instance(f"{self.seed}:{locale}")
            self.fakers[locale] = fake
        return fake


class Unique:
    """Hands out unique (case-insensitive) names by adding a number when needed."""

    def __init__(self, taken: Iterable[str] = ()):
        self.taken = {name.lower() for name in taken}

    def __call__(self, name: str, separator: str = "") -> str:
        candidate, n = name, 2
        while candidate.lower() in self.taken:
            candidate, n = f"{name}{separator}{n}", n + 1
        self.taken.add(candidate.lower())
        return candidate
