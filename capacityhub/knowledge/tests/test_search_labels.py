"""The knowledge base names its resource types in search's type facet (registered from
KnowledgeConfig.ready(): search itself knows nothing of resources)."""

from capacityhub.search.facets import labelled


def test_resource_types_are_named_by_the_knowledge_base_and_others_are_written_out(db):
    counts = {"type": {"slides": 2, "case_study": 1, "workshop_kit": 1}}

    values = labelled(counts, {}, "en")["type"]

    assert [(v.value, v.label, v.count) for v in values] == [
        ("slides", "Slide deck", 2),
        ("case_study", "Case study", 1),
        ("workshop_kit", "Workshop kit", 1),
    ]
