"""Private storage for uploaded answers: outside MEDIA_ROOT, no public URL. Files are served only
by a view that asks `forms.selectors.response_file_can_view` first."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    # Read the setting at use time (not import time) so tests can point it at a temporary folder.
    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Private files have no public URL; use the permission-checked view.")


_private_storage = PrivateStorage()


def private_storage() -> PrivateStorage:
    return _private_storage
