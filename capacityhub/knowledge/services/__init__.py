"""Every write to the knowledge base: resources, feedback from readers, curation."""
