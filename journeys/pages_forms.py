"""The forms app's pages in the accessibility gate (see journeys/pages.py).

Seeded: a form of kwame's organization with one question of each kind, in English, Spanish
and Arabic (kwame manages it; staff see every form)."""


def _form(hub):
    return f"/forms/builder/{hub.extra['form'].pk}/"


PAGE_TYPES = [
    ("formbuilder-list", "/forms/builder/", "staff"),
    ("formbuilder-create", "/forms/builder/new/", "manager"),
    ("formbuilder-import", "/forms/builder/import/", "staff"),
    ("formbuilder-detail", _form, "manager"),
    ("formbuilder-edit", lambda hub: f"{_form(hub)}edit/", "manager"),
    ("formbuilder-preview", lambda hub: f"{_form(hub)}preview/", "manager"),
    ("formbuilder-preview-arabic", lambda hub: f"{_form(hub)}preview/?language=ar", "staff"),
    ("formbuilder-reimport", lambda hub: f"{_form(hub)}import/", "manager"),
]
NOT_PAGES = {"formbuilder-xlsform", "formbuilder-file"}


def _texts(en: str, es: str, ar: str) -> dict:
    return {"en": en, "es": es, "ar": ar}


def seed(hub) -> dict:
    from capacityhub.forms.services import form_create

    yes_no = [
        {"value": "yes", "label": _texts("Yes", "Sí", "نعم")},
        {"value": "no", "label": _texts("No", "No", "لا")},
    ]
    questions = [
        {
            "key": "name",
            "kind": "short_text",
            "required": True,
            "label": _texts("Name", "Nombre", "الاسم"),
        },
        {"key": "story", "kind": "long_text", "label": _texts("Story", "Historia", "القصة")},
        {
            "key": "travel",
            "kind": "single_choice",
            "label": _texts("Travel?", "¿Viaje?", "سفر؟"),
            "choices": yes_no,
        },
        {
            "key": "cost",
            "kind": "number",
            "label": _texts("Cost", "Costo", "التكلفة"),
            "show_if": {"question": "travel", "equals": "yes"},
        },
        {
            "key": "tools",
            "kind": "multiple_choice",
            "label": _texts("Tools", "Herramientas", "أدوات"),
            "choices": yes_no,
        },
        {"key": "arrival", "kind": "date", "label": _texts("Arrival", "Llegada", "الوصول")},
        {
            "key": "motivation",
            "kind": "scale",
            "label": _texts("Motivation", "Motivación", "الدافع"),
            "scale_min": 1,
            "scale_max": 5,
            "scale_min_label": _texts("Low", "Baja", "منخفض"),
            "scale_max_label": _texts("High", "Alta", "مرتفع"),
        },
        {
            "key": "cv",
            "kind": "file",
            "label": _texts("CV", "CV", "السيرة"),
            "validation": {"allowed_types": ["application/pdf"]},
        },
        {
            "key": "ok",
            "kind": "consent",
            "required": True,
            "label": _texts("I agree", "Acepto", "أوافق"),
        },
    ]
    form = form_create(
        actor=hub.users["staff"],
        title=_texts("Scholarship", "Beca", "منحة"),
        owner_organization=hub.organization,
        questions=questions,
    )
    return {"form": form}
