from django.core.management.base import BaseCommand

from capacityhub.search.indexing import reindex_all


class Command(BaseCommand):
    help = "Rebuild the search index from capacities, profiles, organizations and needs."

    def handle(self, *args, **options):
        count = reindex_all()
        self.stdout.write(f"{count} search documents indexed.")
