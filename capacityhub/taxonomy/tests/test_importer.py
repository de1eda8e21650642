"""Importing and exporting the taxonomy: the service, the commands and the admin."""

import io
import json
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from capacityhub.community.models import User
from capacityhub.core.models import AuditEntry
from capacityhub.taxonomy.importer import (
    parse_file,
    taxonomy_export_records,
    taxonomy_import,
    taxonomy_import_text,
)
from capacityhub.taxonomy.interchange import (
    CapacityRecord,
    InterchangeError,
    MethodRecord,
    parse_commons_tab,
    parse_csv,
    parse_json,
    parse_skos,
    to_json,
)
from capacityhub.taxonomy.models import Capacity, CapacityTranslation, Method

EXAMPLE_TAB = Path(__file__).parent / "data" / "example-capacities.tab.json"

pytestmark = pytest.mark.django_db


def records() -> list[CapacityRecord]:
    return [
        CapacityRecord(
            code="outreach",
            wikidata_qid="Q42",
            labels={"en": "Outreach", "fr": "Sensibilisation"},
            descriptions={"en": "Bringing people in."},
            aliases={"en": ["Engagement"]},
        ),
        CapacityRecord(code="campus", parent="outreach", labels={"en": "Campus programmes"}),
        CapacityRecord(code="libraries", parent="outreach", labels={"en": "Libraries"}),
    ]


def methods() -> list[MethodRecord]:
    return [MethodRecord(code="mentoring", labels={"en": "Mentoring"}, capacities=["campus"])]


@pytest.fixture
def staff_user():
    return User.objects.create_user("cbu", password="pass-word-1234", is_staff=True)


@pytest.fixture
def member():
    return User.objects.create_user("member", password="pass-word-1234")


@pytest.fixture
def superuser_client(client):
    admin_user = User.objects.create_superuser("root", "root@example.org", "pass-word-1234")
    client.force_login(admin_user)
    return client


def labels_of(code: str) -> dict[str, str]:
    return dict(
        CapacityTranslation.objects.filter(capacity__code=code).values_list("language", "label")
    )


# The import service ------------------------------------------------------------------------


def test_importing_creates_capacities_methods_and_one_audit_row(
    staff_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        result = taxonomy_import(
            actor=staff_user, capacities=records(), methods=methods(), source="test.json"
        )
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    assert result.methods_created == 1
    assert Capacity.objects.get(code="campus").parent.code == "outreach"
    assert labels_of("outreach") == {"en": "Outreach", "fr": "Sensibilisation"}
    assert list(Method.objects.get(code="mentoring").capacities.values_list("code", flat=True)) == [
        "campus"
    ]
    entry = AuditEntry.objects.get(action="taxonomy.import")
    assert entry.actor == staff_user and entry.changes["created"] == 3
    assert callbacks


def test_reimporting_updates_labels_without_duplicating_capacities(staff_user):
    taxonomy_import(actor=staff_user, capacities=records(), methods=methods(), source="a")
    changed = records()
    changed[0].labels = {"en": "Outreach and recruitment"}
    changed[2].parent = None

    result = taxonomy_import(actor=staff_user, capacities=changed, methods=methods(), source="b")

    assert (result.created, result.updated, result.unchanged) == (0, 2, 1)
    assert result.methods_unchanged == 1
    assert Capacity.objects.count() == 3 and Method.objects.count() == 1
    assert labels_of("outreach") == {"en": "Outreach and recruitment", "fr": "Sensibilisation"}
    assert Capacity.objects.get(code="libraries").parent is None


def test_reimporting_the_same_file_changes_nothing(staff_user):
    taxonomy_import(actor=staff_user, capacities=records(), methods=methods(), source="a")
    result = taxonomy_import(actor=staff_user, capacities=records(), methods=methods(), source="a")
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert CapacityTranslation.objects.count() == 4


def test_a_malformed_file_changes_nothing(staff_user):
    taxonomy_import(actor=staff_user, capacities=records(), methods=[], source="a")
    before = (Capacity.objects.count(), CapacityTranslation.objects.count(), labels_of("outreach"))
    text = json.dumps(
        {
            "capacities": [
                {"code": "outreach", "labels": {"en": "Renamed"}},
                {"code": "new-one", "parent": "nowhere", "labels": {"en": "New"}},
            ]
        }
    )
    with pytest.raises(InterchangeError) as caught:
        taxonomy_import_text(actor=staff_user, name="bad.json", text=text)
    assert (caught.value.row, caught.value.field) == (2, "parent")
    after = (Capacity.objects.count(), CapacityTranslation.objects.count(), labels_of("outreach"))
    assert after == before


def test_a_move_that_would_loop_through_the_database_is_refused_and_rolled_back(staff_user):
    taxonomy_import(actor=staff_user, capacities=records(), methods=[], source="a")
    looping = [
        CapacityRecord(code="fresh", labels={"en": "Fresh"}),
        CapacityRecord(code="outreach", parent="campus", labels={"en": "Outreach"}),
    ]
    with pytest.raises(InterchangeError, match="loops"):
        taxonomy_import(actor=staff_user, capacities=looping, methods=[], source="b")
    assert not Capacity.objects.filter(code="fresh").exists()
    assert Capacity.objects.get(code="outreach").parent is None


def test_a_member_who_is_not_staff_cannot_import(member):
    with pytest.raises(PermissionDenied):
        taxonomy_import(actor=member, capacities=records(), methods=[], source="a")
    with pytest.raises(PermissionDenied):
        taxonomy_import_text(actor=member, name="x.json", text=to_json(records(), []))
    assert Capacity.objects.count() == 0


def test_export_gives_back_what_was_imported_in_tree_order(staff_user):
    taxonomy_import(actor=staff_user, capacities=records(), methods=methods(), source="a")
    assert taxonomy_export_records() == (records(), methods())


def test_export_of_selected_capacities_brings_their_ancestors(staff_user):
    taxonomy_import(actor=staff_user, capacities=records(), methods=methods(), source="a")
    capacities, exported_methods = taxonomy_export_records(codes=["libraries"])
    assert [c.code for c in capacities] == ["outreach", "libraries"]
    assert exported_methods == []


def test_export_reads_the_database_in_a_few_queries(staff_user, django_assert_max_num_queries):
    taxonomy_import(actor=staff_user, capacities=records(), methods=methods(), source="a")
    with django_assert_max_num_queries(4):
        taxonomy_export_records()


@pytest.mark.parametrize(
    ("name", "parser"),
    [
        ("taxonomy.json", parse_json),
        ("taxonomy.csv", parse_csv),
        ("taxonomy.ttl", parse_skos),
        ("list.tab", parse_commons_tab),
        ("list.tab.json", parse_commons_tab),
    ],
)
def test_parse_file_picks_the_parser_by_extension(name, parser, monkeypatch):
    module = "capacityhub.taxonomy.importer"
    monkeypatch.setattr(f"{module}.{parser.__name__}", lambda *a, **k: ("picked", name))
    assert parse_file(name, "{}", known_codes=set()) == ("picked", name)


def test_parse_file_recognises_commons_data_saved_as_plain_json():
    capacities, _methods = parse_file(
        "capacities.json", EXAMPLE_TAB.read_text("utf-8"), known_codes=set()
    )
    assert capacities[0].code == "capx-1"


def test_parse_file_refuses_an_unknown_extension():
    with pytest.raises(InterchangeError, match="format"):
        parse_file("taxonomy.xlsx", "", known_codes=set())


# Management commands -------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "csv", "skos", "tab"])
def test_export_then_import_command_round_trips_each_format(fmt, staff_user, tmp_path):
    taxonomy_import(actor=staff_user, capacities=records(), methods=methods(), source="a")
    path = tmp_path / f"out.{fmt}"
    call_command("taxonomy_export", "--format", fmt, "-o", str(path))
    Capacity.objects.filter(code="libraries").delete()
    out = io.StringIO()
    call_command("taxonomy_import", str(path), "--format", fmt, stdout=out)
    # Commons rows have no codes of their own: they come back as capx-N capacities.
    created, total = (3, 5) if fmt == "tab" else (1, 3)
    assert f"{created} created" in out.getvalue()
    assert Capacity.objects.count() == total


def test_export_command_writes_to_stdout():
    out = io.StringIO()
    call_command("taxonomy_export", "--format", "json", stdout=out)
    assert json.loads(out.getvalue())["format"] == "capacityhub-taxonomy"


def test_import_command_loads_the_commons_example_under_a_parent(staff_user):
    taxonomy_import(actor=staff_user, capacities=records(), methods=[], source="a")
    call_command("taxonomy_import", str(EXAMPLE_TAB), "--parent", "outreach", stdout=io.StringIO())
    assert Capacity.objects.get(code="capx-1").parent.code == "outreach"
    assert Capacity.objects.get(code="capx-2").parent.code == "capx-1"
    assert labels_of("capx-1")["es"] == "Divulgación"


def test_import_command_if_empty_only_loads_an_empty_taxonomy(tmp_path):
    path = tmp_path / "starter.json"
    path.write_text(to_json(records(), methods()), encoding="utf-8")
    call_command("taxonomy_import", str(path), "--if-empty", stdout=io.StringIO())
    assert Capacity.objects.count() == 3
    path.write_text(to_json([CapacityRecord(code="extra", labels={"en": "X"})], []), "utf-8")
    out = io.StringIO()
    call_command("taxonomy_import", str(path), "--if-empty", stdout=out)
    assert Capacity.objects.count() == 3
    assert "nothing imported" in out.getvalue()


def test_import_command_refuses_a_malformed_file_and_writes_nothing(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("code,label_en\nok,Ok\nBad!,B\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Row 2, field “code”"):
        call_command("taxonomy_import", str(path), stdout=io.StringIO())
    assert Capacity.objects.count() == 0


def test_import_command_reports_a_missing_file():
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("taxonomy_import", "/nonexistent/file.json")


# Admin -------------------------------------------------------------------------------------


def test_admin_changelist_links_to_the_import_page(superuser_client):
    response = superuser_client.get(reverse("admin:taxonomy_capacity_changelist"))
    assert reverse("admin:taxonomy_capacity_import") in response.content.decode()


def test_admin_import_page_shows_the_upload_form(superuser_client):
    response = superuser_client.get(reverse("admin:taxonomy_capacity_import"))
    assert response.status_code == 200
    assert 'type="file"' in response.content.decode()


def test_admin_import_creates_capacities_and_reports_counts(superuser_client):
    upload = SimpleUploadedFile("taxonomy.json", to_json(records(), methods()).encode())
    response = superuser_client.post(
        reverse("admin:taxonomy_capacity_import"), {"file": upload, "format": ""}, follow=True
    )
    assert response.status_code == 200
    assert "3 created" in response.content.decode()
    assert Capacity.objects.count() == 3


def test_admin_import_of_a_malformed_file_names_row_and_field_and_writes_nothing(
    superuser_client,
):
    upload = SimpleUploadedFile("bad.csv", b"code,parent,label_en\nok,,Ok\nb,xyz,B\n")
    response = superuser_client.post(
        reverse("admin:taxonomy_capacity_import"), {"file": upload, "format": "csv"}
    )
    assert response.status_code == 200
    assert "Row 2, field “parent”: unknown parent code “xyz”." in response.content.decode()
    assert Capacity.objects.count() == 0


def test_admin_import_refuses_a_file_that_is_not_utf8(superuser_client):
    upload = SimpleUploadedFile("bad.csv", "code\nçé\n".encode("latin-1"))
    response = superuser_client.post(reverse("admin:taxonomy_capacity_import"), {"file": upload})
    assert "not UTF-8" in response.content.decode()


def test_admin_import_puts_commons_rows_under_the_chosen_parent(superuser_client, staff_user):
    taxonomy_import(actor=staff_user, capacities=records(), methods=[], source="a")
    upload = SimpleUploadedFile("capx.tab.json", EXAMPLE_TAB.read_bytes())
    superuser_client.post(
        reverse("admin:taxonomy_capacity_import"),
        {"file": upload, "format": "tab", "default_parent": "campus"},
    )
    assert Capacity.objects.get(code="capx-1").parent.code == "campus"


def test_admin_import_page_is_closed_to_members(client, member):
    client.force_login(member)
    response = client.get(reverse("admin:taxonomy_capacity_import"))
    assert response.status_code == 302  # to the admin login


@pytest.mark.parametrize(
    ("action", "content_type", "filename"),
    [
        ("export_json", "application/json", "capacities.json"),
        ("export_csv", "text/csv", "capacities.csv"),
        ("export_skos", "text/turtle", "capacities.ttl"),
        ("export_tab", "application/json", "capacities.tab.json"),
    ],
)
def test_admin_export_action_returns_the_selected_capacities_as_a_file(
    superuser_client, staff_user, action, content_type, filename
):
    taxonomy_import(actor=staff_user, capacities=records(), methods=[], source="a")
    selected = Capacity.objects.get(code="campus")
    response = superuser_client.post(
        reverse("admin:taxonomy_capacity_changelist"),
        {"action": action, "_selected_action": [selected.pk]},
    )
    assert response["Content-Type"].startswith(content_type)
    assert f'filename="{filename}"' in response["Content-Disposition"]
    body = response.content.decode()
    assert "Campus programmes" in body and "Libraries" not in body
