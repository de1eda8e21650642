"""Error pages Django's own handlers do not cover."""

from django.core.exceptions import RequestDataTooBig
from django.views import defaults

from capacityhub.core.middleware import too_large


def bad_request(request, exception, template_name=defaults.ERROR_400_TEMPLATE_NAME):
    """A form whose fields exceed DATA_UPLOAD_MAX_MEMORY_SIZE is a 413 page, not a bare 400."""
    if isinstance(exception, RequestDataTooBig):
        return too_large(request)
    return defaults.bad_request(request, exception, template_name)
