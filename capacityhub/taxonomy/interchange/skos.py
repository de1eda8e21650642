"""SKOS in Turtle: each skos:Concept is a capacity (ESCO publishes its skills this way)."""

import re
from collections.abc import Collection
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from . import turtle
from .records import (
    CapacityRecord,
    FieldNames,
    InterchangeError,
    MethodRecord,
    validate_capacities,
)
from .turtle import RDF_TYPE, Iri, Literal, Triple

SKOS = "http://www.w3.org/2004/02/skos/core#"
WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"
CONCEPT = Iri(SKOS + "Concept")
SKOS_FIELDS = FieldNames(
    code="skos:notation",
    parent="skos:broader",
    qid="skos:exactMatch",
    labels="skos:prefLabel",
    descriptions="skos:definition",
    aliases="skos:altLabel",
    unit="line",
)
_WIKIDATA = re.compile(r"^https?://(?:www\.)?wikidata\.org/(?:entity|wiki)/(Q[^/#]*)$")


@dataclass
class _Concept:
    iri: str
    line: int
    statements: list[Triple] = field(default_factory=list)
    broader: list[str] = field(default_factory=list)


def _error(message: str, concept: _Concept, field_name: str) -> InterchangeError:
    return InterchangeError(message, row=concept.line, field=field_name, unit="line")


def _concepts(triples: list[Triple]) -> dict[str, _Concept]:
    """{IRI: concept} in the order the concepts first appear, with their statements."""
    concepts: dict[str, _Concept] = {}
    for triple in triples:
        if triple.predicate.value == RDF_TYPE and triple.object == CONCEPT:
            if not isinstance(triple.subject, Iri):
                raise InterchangeError(_("a concept needs an IRI."), row=triple.line, unit="line")
            concepts.setdefault(triple.subject.value, _Concept(triple.subject.value, triple.line))
    for triple in triples:
        subject = triple.subject.value if isinstance(triple.subject, Iri) else None
        if subject in concepts:
            concepts[subject].statements.append(triple)
    _collect_broader(triples, concepts)
    return concepts


def _collect_broader(triples: list[Triple], concepts: dict[str, _Concept]) -> None:
    """skos:broader, and skos:narrower read the other way round."""
    for triple in triples:
        if not isinstance(triple.object, Iri) or not isinstance(triple.subject, Iri):
            continue
        if triple.predicate.value == SKOS + "broader" and triple.subject.value in concepts:
            concepts[triple.subject.value].broader.append(triple.object.value)
        elif triple.predicate.value == SKOS + "narrower" and triple.object.value in concepts:
            concepts[triple.object.value].broader.append(triple.subject.value)


def _values(concept: _Concept, name: str) -> list[Triple]:
    return [t for t in concept.statements if t.predicate.value == SKOS + name]


def _texts(concept: _Concept, name: str) -> list[tuple[str, str]]:
    """(language, text) of every skos:<name> literal; each must carry a language tag."""
    found = []
    for triple in _values(concept, name):
        if not isinstance(triple.object, Literal) or not triple.object.language:
            message = _('expected a text with a language tag, such as "…"@en.')
            raise _error(message, concept, f"skos:{name}")
        found.append((triple.object.language, triple.object.value.strip()))
    return found


def _single_texts(concept: _Concept, name: str) -> dict[str, str]:
    texts: dict[str, str] = {}
    for language, text in _texts(concept, name):
        if texts.get(language, text) != text:
            message = _("there are two different texts in “%s”.") % language
            raise _error(message, concept, f"skos:{name}")
        if text:
            texts[language] = text
    return texts


def _code_of(concept: _Concept) -> str:
    notations = [t.object for t in _values(concept, "notation")]
    if len(notations) > 1 or any(not isinstance(n, Literal) for n in notations):
        raise _error(_("expected one notation, a text."), concept, "skos:notation")
    return notations[0].value.strip() if notations else _last_segment(concept.iri)


def _last_segment(iri: str) -> str:
    return re.split(r"[/#:]", iri.rstrip("/#"))[-1]


def _qid(concept: _Concept) -> str:
    items = set()
    for triple in _values(concept, "exactMatch"):
        if isinstance(triple.object, Iri) and (match := _WIKIDATA.match(triple.object.value)):
            items.add(match.group(1))
    if len(items) > 1:
        raise _error(_("a capacity can match only one Wikidata item."), concept, "skos:exactMatch")
    return items.pop() if items else ""


def _parent(concept: _Concept, codes: dict[str, str]) -> str | None:
    broader = list(dict.fromkeys(concept.broader))
    if len(broader) > 1:
        message = _("a capacity can have only one broader concept.")
        raise _error(message, concept, "skos:broader")
    return (codes.get(broader[0]) or _last_segment(broader[0])) if broader else None


def _record(concept: _Concept, codes: dict[str, str]) -> CapacityRecord:
    aliases: dict[str, list[str]] = {}
    for language, text in _texts(concept, "altLabel"):
        if text:
            aliases.setdefault(language, []).append(text)
    return CapacityRecord(
        code=codes[concept.iri],
        parent=_parent(concept, codes),
        wikidata_qid=_qid(concept),
        labels=_single_texts(concept, "prefLabel"),
        descriptions=_single_texts(concept, "definition"),
        aliases=aliases,
    )


def parse_skos(
    text: str, known_codes: Collection[str]
) -> tuple[list[CapacityRecord], list[MethodRecord]]:
    try:
        triples = turtle.parse(text)
    except turtle.TurtleError as error:
        message = _("this is not valid Turtle (%s).") % error.message
        raise InterchangeError(message, row=error.line, unit="line") from error
    except RecursionError as error:
        raise InterchangeError(_("the Turtle is nested too deeply.")) from error
    concepts = _concepts(triples)
    codes = {iri: _code_of(concept) for iri, concept in concepts.items()}
    records = [_record(concept, codes) for concept in concepts.values()]
    lines = [concept.line for concept in concepts.values()]
    return validate_capacities(records, lines, known_codes, SKOS_FIELDS), []


# Writing ---------------------------------------------------------------------------------


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = escaped.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    return f'"{escaped}"'


def _tagged(texts: list[tuple[str, str]]) -> str:
    return ", ".join(f"{_quote(text)}@{language}" for language, text in texts)


def _concept_lines(record: CapacityRecord, scheme: str) -> list[str]:
    lines = [f"chc:{record.code} a skos:Concept", f"skos:inScheme <{scheme}>"]
    lines.append(f"skos:notation {_quote(record.code)}")
    if record.parent is None:
        lines.append(f"skos:topConceptOf <{scheme}>")
    lines.append(f"skos:prefLabel {_tagged(list(record.labels.items()))}")
    pairs = [(lang, alias) for lang, names in record.aliases.items() for alias in names]
    if pairs:
        lines.append(f"skos:altLabel {_tagged(pairs)}")
    if record.descriptions:
        lines.append(f"skos:definition {_tagged(list(record.descriptions.items()))}")
    if record.parent:
        lines.append(f"skos:broader chc:{record.parent}")
    if record.wikidata_qid:
        lines.append(f"skos:exactMatch <{WIKIDATA_ENTITY}{record.wikidata_qid}>")
    return lines


def to_skos(
    capacities: list[CapacityRecord], base_uri: str = "https://capacityhub.example/capacity/"
) -> str:
    base = base_uri if base_uri.endswith(("/", "#")) else base_uri + "/"
    scheme = base.rstrip("/#")
    out = [
        f"@prefix skos: <{SKOS}> .",
        f"@prefix chc: <{base}> .",
        "",
        f"<{scheme}> a skos:ConceptScheme ;",
        '    skos:prefLabel "Capacity Hub taxonomy"@en',
    ]
    roots = [f"chc:{record.code}" for record in capacities if record.parent is None]
    if roots:
        out[-1] += " ;"
        out.append(f"    skos:hasTopConcept {', '.join(roots)}")
    out[-1] += " .\n"
    for record in capacities:
        lines = _concept_lines(record, scheme)
        out.append(" ;\n    ".join(lines) + " .\n")
    return "\n".join(out)
