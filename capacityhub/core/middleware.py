from django.conf import settings
from django.utils import translation


class UserLanguageMiddleware:
    """A signed-in user's saved language wins over the cookie and Accept-Language.

    Runs after LocaleMiddleware (cookie, then Accept-Language) and AuthenticationMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        user = getattr(request, "user", None)
        preferred = getattr(user, "preferred_language", "") if user else ""
        if preferred in self.supported and preferred != translation.get_language():
            translation.activate(preferred)
            request.LANGUAGE_CODE = preferred
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy on every HTML response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/admin/"):
            return response
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        return response


class BodySizeMiddleware:
    """A request body over DATA_UPLOAD_MAX_MEMORY_SIZE is answered 413 before anything reads it:
    JSON `{"detail": …}` under /api/, a short page elsewhere. Without this, Django raised
    RequestDataTooBig wherever the body was first read: a 500 with a traceback from the API in
    DEBUG, an HTML 400 otherwise (issue 10).

    Multipart forms (the admin's taxonomy import, the API's application file upload) may carry
    files beyond the limit, which Django does not count; only their other fields are, and
    `errors.bad_request` (pages) or the API's RequestDataTooBig handler (413 JSON) answers those.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        # Multipart bodies (pages' forms, the API's file uploads) go on: their files are limited
        # by the question or form that takes them, their other fields by Django.
        too_big = limit is not None and _content_length(request) > limit
        if too_big and request.content_type != "multipart/form-data":
            return too_large(request)
        return self.get_response(request)


def _content_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def too_large(request):
    """The 413 answer: JSON for the API, the site's page for everyone else."""
    # Imported here: the middleware module loads before the apps are ready.
    from django.http import JsonResponse
    from django.shortcuts import render

    limit_mb = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / (1024 * 1024)
    message = translation.gettext("The request is too large: at most %(size).1f MB.") % {
        "size": limit_mb
    }
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=413)
    return render(request, "413.html", {"message": message}, status=413)
