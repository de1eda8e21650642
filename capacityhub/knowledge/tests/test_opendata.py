"""Open data: CC0 dumps of resource metadata and the taxonomy, and importing them back."""

import csv
import io
import json
import uuid
from dataclasses import asdict

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from capacityhub.knowledge import opendata
from capacityhub.knowledge.models import Resource
from capacityhub.knowledge.opendata import OpenDataError, ResourceRecord
from capacityhub.knowledge.opendata_io import export_text, parse, resource_records, resources_import
from capacityhub.knowledge.tests.factories import ResourceFactory
from capacityhub.taxonomy.tests.factories import CapacityFactory

UID = "6f1c2d7e-0000-4000-8000-000000000001"


def record(**fields) -> ResourceRecord:
    values = {
        "uid": UID,
        "kind": "guide",
        "title": "Edit-a-thon guide",
        "summary": "How to run one.",
        "language": "en",
        "capacities": ["outreach"],
    }
    return ResourceRecord(**{**values, **fields})


# Pure formats ------------------------------------------------------------------------------------


def test_a_json_dump_states_its_format_and_cc0_licence_and_reads_back():
    text = opendata.to_json([record(), record(uid=str(uuid.uuid4()))], generated_at="2026-01-01")

    document = json.loads(text)
    assert document["format"] == "capacityhub-resources"
    assert document["version"] == 1
    assert document["licence"] == "CC0-1.0"
    assert "public domain" in document["statement"]
    assert opendata.parse_json(text)[0] == record()


def test_a_csv_dump_has_a_header_row_and_reads_back():
    rows = [record(capacities=["outreach", "photo-walks"], duration_minutes=12)]
    text = opendata.to_csv(rows)

    assert text.splitlines()[0].startswith("uid,kind,title,summary,language,capacities")
    assert opendata.parse_csv(text) == rows


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"language": "zz-nope"}, "row 2: language:"),
        ({"kind": "poem"}, "row 2: kind:"),
        ({"uid": "not-a-uuid"}, "row 2: uid:"),
        ({"title": ""}, "row 2: title: required"),
        ({"title": "x" * 201}, "row 2: title:"),
        ({"capacities": []}, "row 2: capacities:"),
        ({"url": "javascript:alert(1)"}, "row 2: url:"),
        ({"status": "withdrawn"}, "row 2: status:"),
        ({"relation": "translation"}, "row 2: relation:"),
        ({"duration_minutes": -3}, "row 2: duration_minutes:"),
        ({"uid": UID}, "row 2: uid: " + UID + " already on row 1"),
    ],
)
def test_a_malformed_row_refuses_the_whole_file_naming_the_row_and_field(change, expected):
    good = asdict(record())
    bad = {**asdict(record(uid=str(uuid.uuid4()))), **change}
    document = {**opendata.header("now"), "resources": [good, bad]}

    with pytest.raises(OpenDataError) as error:
        opendata.parse_json(json.dumps(document))
    assert str(error.value).startswith(expected)


@pytest.mark.parametrize(
    "text",
    ["", "{", "[]", '{"format": "other"}', '{"format": "capacityhub-resources", "version": 9}'],
)
def test_a_file_that_is_not_a_resource_dump_is_refused(text):
    with pytest.raises(OpenDataError):
        opendata.parse_json(text)


def test_a_csv_with_a_wrong_header_or_a_short_row_is_refused():
    with pytest.raises(OpenDataError, match="header: missing"):
        opendata.parse_csv("uid,title\n")
    text = opendata.to_csv([record()]) + "x,guide\r\n"
    with pytest.raises(OpenDataError, match="row 2: 2 cells"):
        opendata.parse_csv(text)


# Database ----------------------------------------------------------------------------------------


@pytest.fixture
def outreach(db):
    return CapacityFactory(code="outreach", label="Outreach")


def test_the_dump_holds_published_and_outdated_resources_only(outreach):
    shown = ResourceFactory(title="Shown guide", capacities=[outreach])
    ResourceFactory(title="Old guide", status=Resource.Status.OUTDATED, capacities=[outreach])
    ResourceFactory(title="Withdrawn guide", status=Resource.Status.WITHDRAWN)
    ResourceFactory(title="Merged guide", status=Resource.Status.MERGED, merged_into=shown)

    titles = [r.title for r in resource_records()]

    assert titles == ["Shown guide", "Old guide"]


def test_a_dump_imported_into_an_empty_hub_recreates_the_resources(outreach):
    original = ResourceFactory(title="Guide", capacities=[outreach], url="https://example.org/g")
    ResourceFactory(
        title="Guía",
        language="es",
        capacities=[outreach],
        original=original,
        relation=Resource.Relation.TRANSLATION,
    )
    for name in ("resources.json", "resources.csv"):
        text = export_text(name)
        Resource.objects.filter(original__isnull=False).delete()  # translations first
        Resource.objects.all().delete()

        result = resources_import(parse(name, text))

        assert (result.created, result.updated) == (2, 0)
        guia = Resource.objects.get(title="Guía")
        assert guia.original.title == "Guide"
        assert guia.relation == "translation"
        assert [c.code for c in guia.capacities.all()] == ["outreach"]
        assert parse(name, export_text(name)) == parse(name, text)


def test_importing_the_same_file_twice_changes_nothing(outreach):
    records = [record(), record(uid=str(uuid.uuid4()), original=UID, relation="adaptation")]
    assert resources_import(records).created == 2
    stamp = list(Resource.objects.values_list("uid", "version", "updated_at"))

    result = resources_import(records)

    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert list(Resource.objects.values_list("uid", "version", "updated_at")) == stamp


def test_an_import_updates_existing_resources_by_uid(outreach):
    resources_import([record()])
    walks = CapacityFactory(code="photo-walks")

    result = resources_import([record(title="Better title", capacities=["photo-walks"])])

    assert result.updated == 1
    resource = Resource.objects.get(uid=UID)
    assert resource.title == "Better title"
    assert list(resource.capacities.all()) == [walks]


def test_an_unknown_capacity_or_original_refuses_the_whole_import(outreach):
    good = record()
    with pytest.raises(OpenDataError, match="row 2: capacities: unknown capacity code 'nope'"):
        resources_import([good, record(uid=str(uuid.uuid4()), capacities=["nope"])])
    stranger = record(uid=str(uuid.uuid4()), original=str(uuid.uuid4()), relation="translation")
    with pytest.raises(OpenDataError, match="row 2: original: no resource"):
        resources_import([good, stranger])

    assert not Resource.objects.exists()


def test_the_commands_export_and_import_files(outreach, tmp_path, capsys):
    ResourceFactory(title="Guide", capacities=[outreach])
    call_command("opendata_export", "--dir", str(tmp_path))
    assert {p.name for p in tmp_path.iterdir()} == {
        "resources.json",
        "resources.csv",
        "taxonomy.json",
        "taxonomy.csv",
    }

    call_command("opendata_import", str(tmp_path / "resources.csv"))

    assert "0 created, 0 updated, 1 unchanged." in capsys.readouterr().out


def test_the_import_command_names_the_bad_row(outreach, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(opendata.to_json([record(language="zz-nope")], generated_at="now"))

    with pytest.raises(CommandError, match="refused, nothing imported: row 1: language"):
        call_command("opendata_import", str(bad))


# Page and API ------------------------------------------------------------------------------------


def test_the_open_data_page_lists_the_dumps_with_the_cc0_statement(db):
    page = Client().get("/data/").content.decode()

    assert "CC0 1.0" in page
    for name in ("resources.json", "resources.csv", "taxonomy.json", "taxonomy.csv"):
        assert f'href="/data/{name}"' in page


@pytest.mark.parametrize("prefix", ["/data/", "/api/v1/data/"])
def test_anyone_downloads_a_dump_in_a_bounded_number_of_queries(
    outreach, prefix, django_assert_max_num_queries
):
    for n in range(5):
        ResourceFactory(title=f"Guide {n}", capacities=[outreach])
    with django_assert_max_num_queries(4):
        response = Client().get(f"{prefix}resources.json")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    assert len(json.loads(response.content)["resources"]) == 5


@pytest.mark.parametrize("prefix", ["/data/", "/api/v1/data/"])
def test_the_taxonomy_dumps_come_from_the_taxonomy_export(outreach, prefix):
    response = Client().get(f"{prefix}taxonomy.csv")

    assert response.status_code == 200
    assert "outreach" in response.content.decode()


@pytest.mark.parametrize("url", ["/data/secrets.json", "/api/v1/data/secrets.json"])
def test_an_unknown_dump_is_not_found(db, url):
    assert Client().get(url).status_code in (404, 422)


# Formula injection (issue 10) ---------------------------------------------------------------------


@pytest.mark.django_db
def test_the_resources_csv_download_does_not_let_a_title_run_as_a_formula(client):
    ResourceFactory(title="=cmd|' /C calc'!A0", summary="@SUM(1+1)", capacities=[CapacityFactory()])

    response = client.get("/data/resources.csv")

    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows[0]["title"] == "'=cmd|' /C calc'!A0"
    assert rows[0]["summary"] == "'@SUM(1+1)"
    assert opendata.parse_csv(response.content.decode())[0].title == "=cmd|' /C calc'!A0"
