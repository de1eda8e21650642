"""A small reader for RDF Turtle: enough of Turtle 1.1 for SKOS vocabularies.

Reads prefixes and base (both spellings), IRIs, prefixed names, `a`, blank nodes (`_:x` and
`[ … ]`), `;` and `,` lists, short and long strings with escapes, language tags, datatypes,
numbers and booleans. Collections `( … )` are refused. Pure and dependency-free: a full RDF
library would be a large dependency for reading one vocabulary shape.
"""

import re
from dataclasses import dataclass
from urllib.parse import urljoin

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass(frozen=True)
class Iri:
    value: str


@dataclass(frozen=True)
class BNode:
    label: str


@dataclass(frozen=True)
class Literal:
    value: str
    language: str = ""
    datatype: str = ""


Term = Iri | BNode | Literal


@dataclass(frozen=True)
class Triple:
    subject: Iri | BNode
    predicate: Iri
    object: Term
    line: int


class TurtleError(ValueError):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


_ESC = r"\\(?:[tbnrf\"'\\]|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})"
_PN_ESC = r"\\[-_~.!$&'()*+,;=/?\#@%]"
_PN = rf"(?:[\w:%-]|{_PN_ESC})"
_TOKEN = re.compile(
    rf"""
    (?P<space>\s+|\#[^\r\n]*)
    |(?P<iri><(?:[^<>"{{}}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{{4}}|\\U[0-9A-Fa-f]{{8}})*>)
    |(?P<long>\"\"\"(?:[^"\\]|{_ESC}|"(?!""))*\"\"\"|'''(?:[^'\\]|{_ESC}|'(?!''))*''')
    |(?P<string>"(?:[^"\\\r\n]|{_ESC})*"|'(?:[^'\\\r\n]|{_ESC})*')
    |(?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
    |(?P<datatype>\^\^)
    |(?P<bnode>_:\w(?:[\w.-]*[\w-])?)
    |(?P<number>[+-]?(?:\d+\.\d*[eE][+-]?\d+|\.?\d+[eE][+-]?\d+|\d*\.\d+|\d+))
    |(?P<pname>(?:[^\W\d_](?:[\w.-]*[\w-])?)?:(?:{_PN}(?:(?:{_PN}|\.)*{_PN})?)?)
    |(?P<word>[A-Za-z]+)
    |(?P<punct>[.;,\[\]()])
    """,
    re.VERBOSE,
)
_UNESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.DOTALL)
_SIMPLE = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    line: int


def _unescape(text: str, line: int) -> str:
    def replace(match: re.Match) -> str:
        code = match.group(1) or match.group(2)
        if code is None:
            return _SIMPLE.get(match.group(3), match.group(3))
        try:
            return chr(int(code, 16))
        except ValueError:
            raise TurtleError(f"invalid character escape \\{match.group(0)}", line) from None

    return _UNESCAPE.sub(replace, text)


def tokenize(text: str) -> list[_Token]:
    tokens, position, line = [], 0, 1
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            char = text[position]
            what = "unterminated string" if char in "\"'" else f"unexpected character “{char}”"
            raise TurtleError(what, line)
        if match.lastgroup != "space":
            tokens.append(_Token(match.lastgroup, match.group(), line))
        line += match.group().count("\n")
        position = match.end()
    return tokens


class _Parser:
    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.index = 0
        self.prefixes: dict[str, str] = {}
        self.base = ""
        self.triples: list[Triple] = []
        self.blank_count = 0

    # token access

    def peek(self) -> _Token | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.peek()
        if token is None:
            last = self.tokens[-1].line if self.tokens else 1
            raise TurtleError("unexpected end of file", last)
        self.index += 1
        return token

    def accept(self, punct: str) -> bool:
        token = self.peek()
        if token is not None and token.kind == "punct" and token.text == punct:
            self.index += 1
            return True
        return False

    def expect(self, punct: str) -> None:
        token = self.take()
        if token.kind != "punct" or token.text != punct:
            raise TurtleError(f"expected “{punct}” but found “{token.text}”", token.line)

    # terms

    def iri(self, token: _Token) -> Iri:
        if token.kind == "iri":
            value = _unescape(token.text[1:-1], token.line)
            return Iri(urljoin(self.base, value) if self.base else value)
        if token.kind == "pname":
            prefix, _colon, local = token.text.partition(":")
            if prefix not in self.prefixes:
                raise TurtleError(f"undeclared prefix “{prefix}:”", token.line)
            return Iri(self.prefixes[prefix] + re.sub(r"\\(.)", r"\1", local))
        raise TurtleError(f"expected an IRI but found “{token.text}”", token.line)

    def blank(self) -> BNode:
        self.blank_count += 1
        return BNode(f"_anon{self.blank_count}")

    def literal(self, token: _Token) -> Literal:
        quote = 3 if token.kind == "long" else 1
        value = _unescape(token.text[quote:-quote], token.line)
        following = self.peek()
        if following is not None and following.kind == "lang":
            self.index += 1
            return Literal(value, language=following.text[1:].lower())
        if following is not None and following.kind == "datatype":
            self.index += 1
            return Literal(value, datatype=self.iri(self.take()).value)
        return Literal(value)

    def object(self) -> Term:
        token = self.take()
        if token.kind in ("iri", "pname"):
            return self.iri(token)
        if token.kind == "bnode":
            return BNode(token.text[2:])
        if token.kind in ("string", "long"):
            return self.literal(token)
        if token.kind == "number":
            kind = (
                "double"
                if "e" in token.text.lower()
                else "decimal"
                if "." in token.text
                else "integer"
            )
            return Literal(token.text, datatype=XSD + kind)
        if token.kind == "word" and token.text in ("true", "false"):
            return Literal(token.text, datatype=XSD + "boolean")
        if token.kind == "punct" and token.text == "[":
            return self.property_list_node()
        if token.kind == "punct" and token.text == "(":
            raise TurtleError("RDF collections “( … )” are not supported", token.line)
        raise TurtleError(f"expected an object but found “{token.text}”", token.line)

    # grammar

    def property_list_node(self) -> BNode:
        node = self.blank()
        if not self.accept("]"):
            self.predicate_objects(node)
            self.expect("]")
        return node

    def predicate_objects(self, subject: Iri | BNode) -> None:
        while True:
            verb = self.take()
            predicate = (
                Iri(RDF_TYPE) if verb.kind == "word" and verb.text == "a" else self.iri(verb)
            )
            self.triples.append(Triple(subject, predicate, self.object(), verb.line))
            while self.accept(","):
                line = self.peek().line if self.peek() else verb.line
                self.triples.append(Triple(subject, predicate, self.object(), line))
            if not self.accept(";"):
                return
            while self.accept(";"):
                pass
            following = self.peek()
            if following is None or (following.kind == "punct" and following.text in ".]"):
                return

    def directive(self, name: str) -> None:
        if name == "prefix":
            token = self.take()
            if token.kind != "pname" or not token.text.endswith(":"):
                raise TurtleError(
                    f"expected a prefix such as “ex:” but found “{token.text}”", token.line
                )
            self.prefixes[token.text[:-1]] = self.iri(self.take()).value
        else:
            self.base = self.iri(self.take()).value

    def statement(self) -> None:
        token = self.take()
        if token.kind == "lang" and token.text.lower() in ("@prefix", "@base"):
            self.directive(token.text[1:].lower())
            self.expect(".")
        elif token.kind == "word" and token.text.lower() in ("prefix", "base"):
            self.directive(token.text.lower())
        elif token.kind == "punct" and token.text == "[":
            node = self.property_list_node()
            if not self.accept("."):
                self.predicate_objects(node)
                self.expect(".")
        else:
            if token.kind == "bnode":
                subject: Iri | BNode = BNode(token.text[2:])
            else:
                subject = self.iri(token)
            self.predicate_objects(subject)
            self.expect(".")


def parse(text: str) -> list[Triple]:
    """The triples of a Turtle document, in document order. Raises TurtleError."""
    parser = _Parser(tokenize(text))
    while parser.peek() is not None:
        parser.statement()
    return parser.triples
