"""Sessions and events in search: kinds "session" and "event", with facets language (held
in or interpreted into), capacity, and region for events held in a place."""

from django.utils.translation import gettext_lazy as _

from capacityhub.search.indexing import document
from capacityhub.search.registry import SearchKind, register

from .models import Event

SESSION = Event.Kind.SESSION


def event_documents(event: Event) -> list:
    if event.is_cancelled:
        return []  # nobody can take part any more: out of the index
    parts = [event.description, event.place, str(event.get_kind_display())]
    if event.organization is not None:
        parts.append(event.organization.name)
    doc = document(event.section, event.pk, event.title, parts, language=_first(event.languages))
    languages = dict.fromkeys([*event.languages, *event.interpretation_languages])
    doc.facets = [("language", code) for code in languages if isinstance(code, str)]
    doc.facets += [("capacity", str(capacity.pk)) for capacity in event.capacities.all()]
    if event.region and not event.online:
        doc.facets.append(("region", event.region))
    doc.facets.append(("type", event.kind))
    return [doc]


def _first(languages) -> str:
    return languages[0] if languages and isinstance(languages[0], str) else ""


def _loader(is_session: bool):
    def load(ids: list[int]):
        events = Event.objects.filter(pk__in=ids).select_related("organization")
        events = events.filter(kind=SESSION) if is_session else events.exclude(kind=SESSION)
        return events.prefetch_related("capacities")

    return load


def _documents(is_session: bool):
    def documents(event: Event) -> list:
        return event_documents(event) if event.is_session == is_session else []

    return documents


def _locator(is_session: bool):
    def locate(ids: list[int], language: str) -> dict[int, tuple[str, str]]:
        events = Event.objects.filter(pk__in=ids)
        events = events.filter(kind=SESSION) if is_session else events.exclude(kind=SESSION)
        rows = events.values_list("pk", "title", "kind")
        return {pk: (title, Event(pk=pk, kind=kind).get_absolute_url()) for pk, title, kind in rows}

    return locate


def register_search_kinds() -> None:
    for name, label, is_session in (
        ("session", _("Live sessions"), True),
        ("event", _("Events"), False),
    ):
        register(
            SearchKind(
                name=name,
                label=label,
                load=_loader(is_session),
                documents=_documents(is_session),
                locate=_locator(is_session),
                watch=((Event, "pk"),),
                model=Event,
            )
        )
