"""Forms for the server-rendered pages, one module per domain, plus two shared helpers:
capacity choices (labels in the reader's language, indented by depth) and turning a service's
ValidationError into messages on a form."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy

from capacityhub.core.languages import language_name
from capacityhub.taxonomy.selectors import capacity_code_map, capacity_labels, taxonomy_tree

# Two no-break spaces per level: a select cannot nest options deeper than one optgroup.
INDENT = "\u00a0\u00a0"


def exact_capacity_field() -> forms.BooleanField:
    """The one "narrower capacities" option of every list filtered by capacity (people,
    organizations, needs, offers): same words, same default. Unticked, a capacity finds its
    narrower capacities too; ticked, only itself (a checkbox sends nothing when unticked, so
    the default needs no hidden marker)."""
    return forms.BooleanField(
        label=gettext_lazy("Only this capacity, not narrower ones"), required=False
    )


def capacity_choices() -> list[tuple[str, str]]:
    """(code, label) for every active capacity, depth first, labels indented by depth."""
    tree = taxonomy_tree()
    labels = capacity_labels()
    codes = {cid: code for code, cid in capacity_code_map().items()}
    choices: list[tuple[str, str]] = []
    stack = [(root, 0) for root in reversed(tree.roots())]
    while stack:
        node, depth = stack.pop()
        entry = labels.get(node)
        choices.append((codes[node], INDENT * depth + (entry.label if entry else codes[node])))
        stack.extend((child, depth + 1) for child in reversed(tree.children.get(node, ())))
    return choices


def capacity_label_for_code(code: str) -> str:
    entry = capacity_labels().get(capacity_code_map().get(code))
    return entry.label if entry else code


def _subject(key: str) -> str:
    """What an error key like "capacities.lua-scripting" is about, in the reader's words."""
    group, _dot, code = key.partition(".")
    if not code:
        return ""
    if group == "capacities":
        return capacity_label_for_code(code)
    if group == "languages":
        return language_name(code)
    return code


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on the field it names when the form has
    a visible field of that name, otherwise as a non-field error naming its subject."""
    if not hasattr(error, "error_dict"):
        for message in error.messages:
            form.add_error(None, message)
        return
    for key, messages in error.message_dict.items():
        field = form.fields.get(key)
        on_field = field is not None and not field.widget.is_hidden
        subject = "" if key == NON_FIELD_ERRORS else _subject(key)
        for message in messages:
            if on_field:
                form.add_error(key, message)
            else:
                form.add_error(None, f"{subject}: {message}" if subject else message)


class NoticeForm(forms.Form):
    """A form with no fields: a place for errors that belong to a whole formset page."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("data", {})
        super().__init__(*args, **kwargs)
