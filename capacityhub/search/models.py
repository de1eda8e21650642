from django.db import models


class SearchDocument(models.Model):
    """One searchable text, as one audience may see it.

    Capacities, organizations and needs have one document each. A profile has one document
    per audience ("public", "members", "private" = the owner's and staff's view), each holding
    only the fields that audience may see, so a members-only bio can never match for an
    anonymous visitor. `folded` is title and body case- and accent-folded, for engines whose
    full-text search does not remove diacritics itself (PostgreSQL without `unaccent`)."""

    class Level(models.TextChoices):
        PUBLIC = "public"
        MEMBERS = "members"
        PRIVATE = "private"
        STAFF = "staff"

    kind = models.CharField(max_length=16)
    object_id = models.BigIntegerField()
    language = models.CharField(max_length=12, blank=True)
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    folded = models.TextField(blank=True, editable=False)
    # The facets as words of the SQLite full-text index (facet_tokens.py).
    facet_tokens = models.TextField(blank=True, editable=False)
    visibility = models.CharField(max_length=8, choices=Level.choices, default=Level.PUBLIC)
    owner_id = models.BigIntegerField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "language", "visibility"],
                name="search_document_unique_per_audience",
            )
        ]
        indexes = [models.Index(fields=["kind", "visibility"])]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id} ({self.visibility})"


class SearchFacet(models.Model):
    """One facet value of one document ("language" = "fr", "capacity" = "12", "type" = …).

    Kept beside its document (and deleted with it), so a facet is exactly as visible as the
    document that carries it: a profile's public document has no members-only facet values."""

    document = models.ForeignKey(
        SearchDocument, on_delete=models.CASCADE, related_name="facet_values"
    )
    name = models.CharField(max_length=16)
    value = models.CharField(max_length=32)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["document", "name", "value"], name="search_facet_unique_per_document"
            )
        ]
        # Filtering finds documents by (name, value); counting reads (document → name, value).
        indexes = [models.Index(fields=["name", "value", "document"])]

    def __str__(self) -> str:
        return f"{self.name}={self.value}"
