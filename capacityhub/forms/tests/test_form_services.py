"""Building forms (staff, organization managers), versioning on edit, and answering them."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from capacityhub.forms.models import Form, FormVersion, Response, ResponseFile
from capacityhub.forms.selectors import form_current_version, response_file_can_view
from capacityhub.forms.services import form_create, form_update, response_save

QUESTIONS = [
    {
        "key": "name",
        "kind": "short_text",
        "required": True,
        "label": {"en": "Name", "es": "Nombre"},
    },
    {
        "key": "travel",
        "kind": "single_choice",
        "required": True,
        "label": {"en": "Do you need travel?"},
        "choices": [
            {"value": "yes", "label": {"en": "Yes"}},
            {"value": "no", "label": {"en": "No"}},
        ],
    },
    {
        "key": "cost",
        "kind": "number",
        "required": True,
        "label": {"en": "Cost"},
        "show_if": {"question": "travel", "equals": "yes"},
        "validation": {"min": 0},
    },
    {
        "key": "cv",
        "kind": "file",
        "label": {"en": "CV"},
        "validation": {"max_file_bytes": 1000, "allowed_types": ["application/pdf"]},
    },
    {"key": "ok", "kind": "consent", "required": True, "label": {"en": "I agree"}},
]


@pytest.fixture
def form(staff):
    return form_create(actor=staff, title={"en": "Scholarship"}, questions=QUESTIONS)


def pdf(size=10, name="cv.pdf", content_type="application/pdf"):
    return SimpleUploadedFile(name, b"%PDF" + b"x" * (size - 4), content_type=content_type)


def test_staff_create_a_form_with_a_first_version(form):
    version = form_current_version(form)
    assert version.number == 1
    assert [q.key for q in version.questions.all()] == ["name", "travel", "cost", "cv", "ok"]


def test_a_manager_builds_forms_for_their_organization_only(manager, organization):
    form = form_create(actor=manager, title="Survey", owner_organization=organization, questions=[])
    assert form.owner_organization == organization
    with pytest.raises(PermissionDenied):
        form_create(actor=manager, title="Mine", questions=[])


def test_another_member_cannot_build_or_edit_a_form(other, form, organization):
    with pytest.raises(PermissionDenied):
        form_create(actor=other, title="X", owner_organization=organization, questions=[])
    with pytest.raises(PermissionDenied):
        form_update(actor=other, form=form, questions=[])


def test_a_form_with_a_bad_question_is_refused_and_nothing_saved(staff):
    with pytest.raises(ValidationError) as error:
        form_create(actor=staff, title="X", questions=[{"key": "Bad Key", "kind": "short_text"}])
    assert "questions.1.key" in error.value.message_dict
    assert not Form.objects.exists()


def test_editing_an_unanswered_form_changes_the_version_in_place(staff, form):
    version = form_update(actor=staff, form=form, questions=QUESTIONS[:2])
    assert version.number == 1 and version.questions.count() == 2
    assert FormVersion.objects.count() == 1


def test_editing_an_answered_form_makes_a_new_version_and_old_answers_keep_theirs(
    staff, owner, form
):
    old = form_current_version(form)
    response = response_save(actor=owner, version=old, answers={"name": "Ada"})

    new = form_update(actor=staff, form=form, questions=QUESTIONS[:1])

    assert new.number == 2 and form_current_version(form) == new
    response.refresh_from_db()
    assert response.version == old and old.questions.count() == 5


def test_a_draft_may_be_partial_but_submitting_checks_every_rule(owner, form):
    version = form_current_version(form)
    draft = response_save(actor=owner, version=version, answers={"name": "Ada"})
    assert draft.submitted_at is None

    with pytest.raises(ValidationError) as error:
        response_save(
            actor=owner, version=version, answers={"name": "Ada"}, submit=True, response=draft
        )
    assert set(error.value.message_dict) == {"travel", "ok"}
    draft.refresh_from_db()
    assert draft.submitted_at is None


def test_a_submitted_response_cannot_change(owner, form):
    version = form_current_version(form)
    answers = {"name": "Ada", "travel": "no", "ok": True}
    response = response_save(actor=owner, version=version, answers=answers, submit=True)

    with pytest.raises(ValidationError):
        response_save(actor=owner, version=version, answers={"name": "Eve"}, response=response)
    response.refresh_from_db()
    assert response.answers["name"] == "Ada"


def test_a_file_is_stored_privately_and_only_its_respondent_and_staff_may_read_it(
    owner, other, staff, form
):
    version = form_current_version(form)
    response = response_save(
        actor=owner, version=version, answers={"name": "Ada"}, files={"cv": pdf()}
    )

    stored = ResponseFile.objects.get(response=response)
    assert stored.original_name == "cv.pdf" and stored.size == 10
    assert stored.file.read().startswith(b"%PDF")
    assert response.answers["cv"]["name"] == "cv.pdf"
    assert response_file_can_view(owner, stored) and response_file_can_view(staff, stored)
    assert not response_file_can_view(other, stored)


@pytest.mark.parametrize(
    "upload",
    [
        pdf(size=2000),
        pdf(name="cv.exe", content_type="application/pdf"),
        pdf(content_type="image/png"),
    ],
    ids=["too large", "wrong extension", "wrong type"],
)
def test_a_file_over_the_limit_or_of_the_wrong_type_is_refused_and_nothing_saved(
    owner, form, upload
):
    with pytest.raises(ValidationError) as error:
        response_save(
            actor=owner, version=form_current_version(form), answers={}, files={"cv": upload}
        )
    assert "cv" in error.value.message_dict
    assert not Response.objects.exists() and not ResponseFile.objects.exists()


def test_someone_else_cannot_save_into_my_response(owner, other, form):
    version = form_current_version(form)
    response = response_save(actor=owner, version=version, answers={"name": "Ada"})

    with pytest.raises(PermissionDenied):
        response_save(actor=other, version=version, answers={"name": "X"}, response=response)
