"""Parsing and writing the interchange formats: pure, no database."""

import json
from pathlib import Path

import pytest

from capacityhub.taxonomy.interchange import (
    CapacityRecord,
    InterchangeError,
    MethodRecord,
    parse_commons_tab,
    parse_csv,
    parse_json,
    parse_skos,
    to_commons_tab,
    to_csv,
    to_json,
    to_skos,
)
from capacityhub.taxonomy.interchange.turtle import Iri, Literal, TurtleError
from capacityhub.taxonomy.interchange.turtle import parse as parse_turtle

EXAMPLE_TAB = Path(__file__).parent / "data" / "example-capacities.tab.json"
STARTER = Path(__file__).parents[1] / "data" / "starter_taxonomy.json"


def sample_capacities() -> list[CapacityRecord]:
    return [
        CapacityRecord(
            code="outreach",
            wikidata_qid="Q42",
            labels={"en": "Outreach", "fr": "Sensibilisation", "ar": "التوعية"},
            descriptions={"en": 'Bringing "new" people in;\nwith care, a\\b.'},
            aliases={"en": ["Public engagement", "Recruitment"], "fr": ["Recrutement"]},
        ),
        CapacityRecord(
            code="campus",
            parent="outreach",
            labels={"en": "Campus programmes", "es": "Programas universitarios"},
        ),
        CapacityRecord(code="libraries", parent="outreach", labels={"pt": "Bibliotecas"}),
        CapacityRecord(code="1lib-2", parent="libraries", labels={"en": "Deep child"}),
    ]


def sample_methods() -> list[MethodRecord]:
    return [
        MethodRecord(
            code="mentoring",
            labels={"en": "Mentoring", "fr": "Mentorat"},
            descriptions={"en": "One to one."},
            capacities=["campus", "outreach"],
        )
    ]


def json_text(capacities: list[dict], methods: list[dict] | None = None) -> str:
    document = {"format": "capacityhub-taxonomy", "version": 1, "capacities": capacities}
    if methods is not None:
        document["methods"] = methods
    return json.dumps(document)


def refused(parse, *args) -> InterchangeError:
    with pytest.raises(InterchangeError) as caught:
        parse(*args)
    return caught.value


# The error ------------------------------------------------------------------------------


def test_an_error_names_the_row_and_the_field():
    error = InterchangeError("unknown parent code “xyz”.", row=3, field="parent")
    assert str(error) == "Row 3, field “parent”: unknown parent code “xyz”."


def test_an_error_without_a_place_reads_as_a_sentence():
    assert str(InterchangeError("the file is empty.")) == "The file is empty."


# JSON -----------------------------------------------------------------------------------


def test_json_round_trip_keeps_every_capacity_and_method():
    text = to_json(sample_capacities(), sample_methods())
    assert parse_json(text, set()) == (sample_capacities(), sample_methods())


def test_json_parent_may_be_a_known_code_outside_the_file():
    text = json_text([{"code": "grants", "parent": "organizational", "labels": {"en": "G"}}])
    capacities, _methods = parse_json(text, {"organizational"})
    assert capacities[0].parent == "organizational"


def test_json_records_come_back_parents_first():
    text = json_text(
        [
            {"code": "child", "parent": "root", "labels": {"en": "Child"}},
            {"code": "root", "labels": {"en": "Root"}},
        ]
    )
    capacities, _methods = parse_json(text, set())
    assert [c.code for c in capacities] == ["root", "child"]


def test_json_with_broken_syntax_is_refused_with_its_line():
    error = refused(parse_json, '{\n"capacities": [,]}', set())
    assert error.row == 2 and error.unit == "line"
    assert "Line 2" in str(error)


@pytest.mark.parametrize(
    ("capacity", "field", "needle"),
    [
        ({"labels": {"en": "A"}}, "code", "code"),
        ({"code": "Bad Code", "labels": {"en": "A"}}, "code", "Bad Code"),
        ({"code": "a", "wikidata_qid": "42", "labels": {"en": "A"}}, "wikidata_qid", "42"),
        ({"code": "a", "labels": {}}, "labels", "label"),
        ({"code": "a", "labels": {"en": 7}}, "labels", "string"),
        ({"code": "a", "labels": ["A"]}, "labels", "object"),
        ({"code": "a", "parent": "xyz", "labels": {"en": "A"}}, "parent", "xyz"),
        ({"code": "a", "labels": {"xx": "A"}}, "labels", "xx"),
        ({"code": "a", "labels": {"en": "A"}, "descriptions": {"fr": "D"}}, "descriptions", "fr"),
        ({"code": "a", "labels": {"en": "A"}, "aliases": {"en": "B"}}, "aliases", "list"),
        ({"code": "a", "labels": {"en": "A" * 201}}, "labels", "200"),
    ],
)
def test_json_malformed_capacity_is_refused_naming_row_and_field(capacity, field, needle):
    text = json_text([{"code": "ok", "labels": {"en": "Fine"}}, capacity])
    error = refused(parse_json, text, set())
    assert (error.row, error.field) == (2, field)
    assert needle in str(error)


def test_json_duplicate_code_is_refused():
    text = json_text([{"code": "a", "labels": {"en": "A"}}, {"code": "a", "labels": {"en": "B"}}])
    error = refused(parse_json, text, set())
    assert (error.row, error.field) == (2, "code")


def test_json_parent_cycle_is_refused():
    text = json_text(
        [
            {"code": "a", "parent": "b", "labels": {"en": "A"}},
            {"code": "b", "parent": "a", "labels": {"en": "B"}},
        ]
    )
    error = refused(parse_json, text, set())
    assert (error.row, error.field) == (1, "parent")
    assert "a → b → a" in str(error)


def test_json_capacity_under_itself_is_refused():
    text = json_text([{"code": "a", "parent": "a", "labels": {"en": "A"}}])
    assert refused(parse_json, text, set()).field == "parent"


def test_json_without_capacities_list_is_refused():
    error = refused(parse_json, json.dumps({"methods": []}), set())
    assert error.field == "capacities"


def test_json_of_another_format_is_refused():
    error = refused(parse_json, json.dumps({"format": "other", "capacities": []}), set())
    assert error.field == "format"


def test_json_method_with_unknown_capacity_is_refused_naming_the_method():
    methods = [{"code": "m", "labels": {"en": "M"}, "capacities": ["nowhere"]}]
    text = json_text([{"code": "a", "labels": {"en": "A"}}], methods)
    error = refused(parse_json, text, set())
    assert (error.row, error.field, error.unit) == (1, "capacities", "method")
    assert str(error).startswith("Method 1, field “capacities”")


def test_json_method_without_label_is_refused():
    text = json_text([], [{"code": "m", "labels": {}, "capacities": []}])
    assert refused(parse_json, text, set()).field == "labels"


# CSV ------------------------------------------------------------------------------------


def test_csv_round_trip_keeps_every_capacity():
    text = to_csv(sample_capacities(), ["en", "fr", "es", "ar", "pt"])
    assert parse_csv(text, set()) == (sample_capacities(), [])


def test_csv_reads_aliases_separated_by_bars_and_skips_blank_rows():
    text = "\ufeffcode,parent,wikidata_qid,label_en,aliases_en\nabc,,Q5,Abc,x | y\n,,,,\n"
    capacities, _methods = parse_csv(text, set())
    assert capacities == [
        CapacityRecord(
            code="abc", wikidata_qid="Q5", labels={"en": "Abc"}, aliases={"en": ["x", "y"]}
        )
    ]


@pytest.mark.parametrize(
    ("text", "row", "field"),
    [
        ("code,label_en\nok,Ok\nBad!,B\n", 2, "code"),
        ("code,label_en\nok,Ok\nb,\n", 2, "label_*"),
        ("code,parent,label_en\nok,,Ok\nb,xyz,B\n", 2, "parent"),
        ("code,wikidata_qid,label_en\nok,,Ok\nb,q1,B\n", 2, "wikidata_qid"),
        ("code,label_en,description_fr\nok,Ok,\nb,B,Desc\n", 2, "description_fr"),
        ("code,label_en\nok,Ok\nok,Again\n", 2, "code"),
        ("code,label_en\nok,Ok\nb,B,extra\n", 2, None),
        ("code,lable_en\nok,Ok\n", None, "lable_en"),
        ("code,label_zz\nok,Ok\n", None, "label_zz"),
        ("label_en\nOk\n", None, "code"),
        ("code,code,label_en\nok,ok,Ok\n", None, "code"),
    ],
)
def test_csv_malformed_file_is_refused_naming_row_and_field(text, row, field):
    error = refused(parse_csv, text, set())
    assert (error.row, error.field) == (row, field)


def test_csv_with_broken_quoting_is_refused():
    assert refused(parse_csv, 'code,label_en\nok,"Ok\n', set()).unit == "line"


def test_csv_empty_file_is_refused():
    assert "empty" in str(refused(parse_csv, "", set()))


# Commons tabular data ----------------------------------------------------------------------


def test_the_shared_example_file_imports_with_its_tree_and_languages():
    capacities, _methods = parse_commons_tab(EXAMPLE_TAB.read_text("utf-8"), set(), None)
    by_code = {c.code: c for c in capacities}
    assert list(by_code) == ["capx-1", "capx-2", "capx-3"]
    assert by_code["capx-1"].parent is None
    assert by_code["capx-1"].labels["es"] == "Divulgación"
    assert by_code["capx-2"].parent == "capx-1"
    assert by_code["capx-2"].descriptions["fr"] == "Travailler avec les universités."
    assert by_code["capx-3"].labels == {"en": "Library partnerships"}


def tab_text(rows: list[list], *, with_parent: bool = True) -> str:
    fields = [
        {"name": "id", "type": "number"},
        {"name": "name", "type": "localized"},
        {"name": "description", "type": "localized"},
        {"name": "wikidata_item", "type": "string"},
    ]
    if with_parent:
        fields.append({"name": "parent", "type": "number"})
    return json.dumps({"license": "CC0-1.0", "schema": {"fields": fields}, "data": rows})


def test_tab_rows_without_parent_go_under_the_default_parent():
    text = tab_text([[7, {"en": "Seven"}, None, "Q7"]], with_parent=False)
    capacities, _methods = parse_commons_tab(text, {"community"}, "community")
    assert capacities == [
        CapacityRecord(code="capx-7", parent="community", wikidata_qid="Q7", labels={"en": "Seven"})
    ]


def test_tab_rows_without_parent_keep_the_place_they_already_have():
    text = tab_text([[7, {"en": "Seven"}, None, None]], with_parent=False)
    known = {"community": None, "events": None, "capx-7": "events"}
    capacities, _methods = parse_commons_tab(text, set(known), "community", current_parents=known)
    assert capacities[0].parent == "events"


def test_tab_language_variants_stand_in_for_their_base_language():
    text = tab_text(
        [[1, {"en": "One", "pt-br": "Um", "zh-hans": "一", "qqx": "?"}, None, None, None]]
    )
    capacities, _methods = parse_commons_tab(text, set(), None)
    assert capacities[0].labels == {"en": "One", "pt": "Um", "zh": "一"}


@pytest.mark.parametrize(
    ("rows", "row", "field"),
    [
        ([[1, {"en": "A"}, None, None, None], [2, None, None, None, 1]], 2, "name"),
        ([[1, {"en": "A"}, None, None, None], [2, {}, None, None, 1]], 2, "name"),
        ([[1, {"en": "A"}, None, None, None], [2, {"en": "B"}, None, None, 9]], 2, "parent"),
        ([[1, {"en": "A"}, None, None, None], ["x", {"en": "B"}, None, None, None]], 2, "id"),
        ([[1, {"en": "A"}, None, None, None], [1, {"en": "B"}, None, None, None]], 2, "id"),
        (
            [[1, {"en": "A"}, None, None, None], [2, {"en": "B"}, None, "P31", None]],
            2,
            "wikidata_item",
        ),
        ([[1, {"en": "A"}, None, None, None], [2, {"en": "B"}, None, None]], 2, None),
        ([[1, {"en": "A"}, None, None, 2], [2, {"en": "B"}, None, None, 1]], 1, "parent"),
        ([[1, {"en": "A"}, None, None, None], [2, "B", None, None, None]], 2, "name"),
    ],
)
def test_tab_malformed_row_is_refused_naming_row_and_field(rows, row, field):
    error = refused(parse_commons_tab, tab_text(rows), set(), None)
    assert (error.row, error.field) == (row, field)


def test_tab_without_a_name_column_is_refused():
    text = json.dumps({"schema": {"fields": [{"name": "id", "type": "number"}]}, "data": []})
    assert refused(parse_commons_tab, text, set(), None).field == "schema.fields"


def test_tab_with_an_unknown_default_parent_is_refused():
    error = refused(parse_commons_tab, tab_text([]), set(), "nowhere")
    assert error.field == "parent"


def test_tab_round_trip_keeps_labels_descriptions_items_and_tree():
    originals = sample_capacities()
    parsed, _methods = parse_commons_tab(to_commons_tab(originals), set(), None)
    code_of = {}
    for original, record in zip(originals, parsed, strict=True):
        code_of[original.code] = record.code
        assert record.labels == original.labels
        assert record.descriptions == original.descriptions
        assert record.wikidata_qid == original.wikidata_qid
        assert record.parent == (code_of[original.parent] if original.parent else None)


def test_tab_export_keeps_capx_identifiers():
    records = [
        CapacityRecord(code="capx-5", labels={"en": "Five"}),
        CapacityRecord(code="other", parent="capx-5", labels={"en": "Other"}),
    ]
    data = json.loads(to_commons_tab(records))["data"]
    assert [row[0] for row in data] == [5, 1]
    assert data[1][4] == 5
    assert [c.code for c in parse_commons_tab(to_commons_tab(records), set(), None)[0]] == [
        "capx-5",
        "capx-1",
    ]


# SKOS -----------------------------------------------------------------------------------

HAND_WRITTEN_SKOS = """
# A hand-written vocabulary, the way other tools write SKOS.
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
@prefix wd: <http://www.wikidata.org/entity/> .
@base <https://capacityhub.example/capacity/> .

<outreach> a skos:Concept ;
    skos:prefLabel "Outreach"@en , 'Divulgación'@es ;
    skos:altLabel \"\"\"Public
engagement\"\"\"@EN ;
    skos:definition "Tab\\there \\u00e9"@en ;
    skos:exactMatch wd:Q42 , <https://example.org/other> ;
    skos:narrower <campus> ;
    .
<campus> a skos:Concept; skos:prefLabel "Campus"@en .
[] a skos:ConceptScheme .
<https://capacityhub.example/capacity/x/y/with-notation> a skos:Concept ;
    skos:notation "noted" ; skos:broader <outreach> ; skos:prefLabel "N"@fr .
"""


def test_skos_reads_prefixes_base_lists_escapes_and_narrower():
    capacities, _methods = parse_skos(HAND_WRITTEN_SKOS, set())
    assert capacities == [
        CapacityRecord(
            code="outreach",
            wikidata_qid="Q42",
            labels={"en": "Outreach", "es": "Divulgación"},
            descriptions={"en": "Tab\there é"},
            aliases={"en": ["Public\nengagement"]},
        ),
        CapacityRecord(code="campus", parent="outreach", labels={"en": "Campus"}),
        CapacityRecord(code="noted", parent="outreach", labels={"fr": "N"}),
    ]


def test_skos_round_trip_keeps_every_capacity():
    text = to_skos(sample_capacities(), "https://hub.example.org/capacity/")
    assert parse_skos(text, set()) == (sample_capacities(), [])


def test_skos_export_declares_a_scheme_with_top_concepts():
    text = to_skos(sample_capacities(), "https://hub.example.org/capacity")
    assert "skos:hasTopConcept chc:outreach" in text
    assert "<http://www.wikidata.org/entity/Q42>" in text
    assert "@prefix chc: <https://hub.example.org/capacity/> ." in text


@pytest.mark.parametrize(
    ("body", "line", "field"),
    [
        ('chc:a a skos:Concept ; skos:prefLabel "A" .', 4, "skos:prefLabel"),
        ("chc:a a skos:Concept .", 4, "skos:prefLabel"),
        ('chc:a a skos:Concept ; skos:prefLabel "A"@en, "B"@en .', 4, "skos:prefLabel"),
        ('chc:a a skos:Concept ; skos:prefLabel "A"@en ; skos:broader chc:zz .', 4, "skos:broader"),
        ('chc:Bad a skos:Concept ; skos:prefLabel "A"@en .', 4, "skos:notation"),
        (
            'chc:a a skos:Concept ; skos:prefLabel "A"@en ; skos:exactMatch wd:Qx .',
            4,
            "skos:exactMatch",
        ),
        (
            'chc:a a skos:Concept ;\n skos:prefLabel "A"@en ; skos:broader chc:a .',
            4,
            "skos:broader",
        ),
    ],
)
def test_skos_malformed_concept_is_refused_naming_line_and_field(body, line, field):
    text = (
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "@prefix chc: <https://capacityhub.example/capacity/> .\n"
        "@prefix wd: <http://www.wikidata.org/entity/> .\n" + body
    )
    error = refused(parse_skos, text, set())
    assert (error.row, error.field, error.unit) == (line, field, "line")
    assert str(error).startswith(f"Line {line}, field “{field}”")


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\nex:a a skos:Concept .", 2),
        ('<a> <b> "unterminated .', 1),
        ("<a> <b> <c>", 1),
        ("<a> <b> ( <c> ) .", 1),
        ("<a>\n<b> <c> ;; <d> <e> ,\n", 2),
    ],
)
def test_skos_with_broken_turtle_is_refused_with_its_line(text, line):
    error = refused(parse_skos, text, set())
    assert (error.row, error.unit) == (line, "line")
    assert "Turtle" in str(error)


def test_turtle_reader_understands_blank_nodes_numbers_and_datatypes():
    triples = parse_turtle(
        "@prefix ex: <http://ex.org/> .\n"
        'ex:a ex:p [ ex:q 1.5e3, -2, 3.0 ], true ; ex:r "x"^^ex:t ; ex:s _:b1 .\n'
        "_:b1 ex:p ex:a.b .\n"
    )
    objects = [t.object for t in triples]
    assert Literal("1.5e3", datatype="http://www.w3.org/2001/XMLSchema#double") in objects
    assert Literal("x", datatype="http://ex.org/t") in objects
    assert Iri("http://ex.org/a.b") in objects
    assert len(triples) == 8


@pytest.mark.parametrize(
    ("parse", "text"),
    [(parse_json, "[" * 100_000), (parse_skos, "<a> <b> " + "[ <b> " * 5_000)],
)
def test_absurdly_nested_input_is_refused_not_crashed_on(parse, text):
    refused(parse, text, set())


def test_the_starter_taxonomy_reads_and_round_trips_in_every_own_format():
    if not STARTER.exists():
        pytest.skip("no starter taxonomy yet")
    capacities, methods = parse_json(STARTER.read_text("utf-8"), set())
    assert capacities and methods
    assert parse_json(to_json(capacities, methods), set()) == (capacities, methods)
    assert parse_csv(to_csv(capacities), set())[0] == capacities
    assert parse_skos(to_skos(capacities), set())[0] == capacities


def test_turtle_reader_refuses_an_undeclared_prefix():
    with pytest.raises(TurtleError, match="undeclared prefix"):
        parse_turtle("nope:a nope:b nope:c .")
