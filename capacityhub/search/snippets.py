"""Search snippets, the same on every engine (pure: no database).

A snippet is taken from the readable lines of a document's body — the descriptions, bios and
sentences its kind indexes — never from the lines that only serve matching: codes and slugs,
usernames, single labels (a line of fewer than READABLE_WORDS words). When the query has
several words and they occur together, the phrase is marked as a whole and stray occurrences
of its words elsewhere are not; otherwise each word of the query is marked, except the short
common ones ("of", "de", "la"). The result is raw text with the engines' START/STOP markers
around the marks; `backends.render_snippet` escapes it.
"""

import re

from capacityhub.taxonomy.models import fold

START, STOP = "\x02", "\x03"
WORD = re.compile(r"\w+")
READABLE_WORDS = 3
WIDTH = 24  # words shown around the first match
SUFFIXES = {"s", "es", "ed", "ing", "e", "er", "ly"}
# Words too common to be worth marking on their own (they still count inside a phrase).
COMMON = set(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "is",
        "it",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
        "de",
        "del",
        "des",
        "du",
        "el",
        "en",
        "et",
        "la",
        "le",
        "les",
        "los",
        "las",
        "o",
        "para",
        "por",
        "un",
        "une",
        "una",
        "y",
    ]
)


def _matches(word: str, term: str) -> bool:
    """A folded word of the text against a folded query term: equal, or the same stem as
    far as the engines see it (SQLite stems with Porter: "walks" finds "walk")."""
    if word == term:
        return True
    if len(term) < 3:
        return False
    if word.startswith(term):
        return True
    return len(word) >= 3 and term.startswith(word) and term[len(word) :] in SUFFIXES


def readable_lines(body: str) -> list[str]:
    return [line for line in (body or "").split("\n") if len(WORD.findall(line)) >= READABLE_WORDS]


def _spans(words: list[tuple[int, int, str]], terms: list[str]) -> list[tuple[int, int]]:
    """Word-index spans [first, last] to mark in one line."""
    if len(terms) > 1:
        phrases = [
            (i, i + len(terms) - 1)
            for i in range(len(words) - len(terms) + 1)
            if all(_matches(words[i + k][2], term) for k, term in enumerate(terms))
        ]
        if phrases:
            return phrases
    marked = [t for t in terms if t not in COMMON and len(t) > 1] or terms
    return [(i, i) for i, (_s, _e, w) in enumerate(words) if any(_matches(w, t) for t in marked)]


def _phrase_in(line_words, terms) -> bool:
    n = len(terms)
    return n > 1 and any(
        all(_matches(line_words[i + k][2], t) for k, t in enumerate(terms))
        for i in range(len(line_words) - n + 1)
    )


def snippet(body: str | None, terms: list[str], width: int = WIDTH) -> str:
    """The best readable line of the body around its first match, marked; the start of the
    first readable line when none matches; "" when the body has no readable line."""
    lines = readable_lines(body or "")
    if not lines:
        return ""
    parsed = [
        [(m.start(), m.end(), fold(m.group())) for m in WORD.finditer(line)] for line in lines
    ]
    # A line holding the whole phrase first, then the line with most marked words.
    best, best_score = 0, (False, 0)
    for index, words in enumerate(parsed):
        score = (_phrase_in(words, terms), len(_spans(words, terms)) if terms else 0)
        if score > best_score:
            best, best_score = index, score
    line, words = lines[best], parsed[best]
    spans = _spans(words, terms) if terms and best_score[1] else []
    first = spans[0][0] if spans else 0
    lo = max(0, first - width // 3)
    hi = min(len(words), lo + width)
    lo = max(0, hi - width)
    start = 0 if lo == 0 else words[lo][0]
    end = len(line) if hi == len(words) else words[hi - 1][1]
    out, cursor = [], start
    for a, b in spans:
        if a < lo or b >= hi:
            continue
        s, e = words[a][0], words[b][1]
        out += [line[cursor:s], START, line[s:e], STOP]
        cursor = e
    out.append(line[cursor:end])
    text = "".join(out).strip()
    return ("…" if start > 0 else "") + text + ("…" if end < len(line) else "")
