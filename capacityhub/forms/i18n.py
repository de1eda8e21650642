"""Pick the text for a reader from a {language: text} object."""

from typing import Any


def label_for(texts: Any, language: str | None) -> str:
    """The reader's language, then its base language (es-419 → es), then English, then the
    first non-empty text; '' when there is none. A plain string is returned as it is."""
    if not texts:
        return ""
    if isinstance(texts, str):
        return texts
    if not isinstance(texts, dict):
        return str(texts)
    candidates = []
    if language:
        candidates += [language, language.split("-")[0].split("_")[0]]
    candidates.append("en")
    for code in candidates:
        text = texts.get(code)
        if text:
            return str(text)
    for text in texts.values():
        if text:
            return str(text)
    return ""
