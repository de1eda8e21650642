from django.conf import settings
from django.utils.translation import get_language, get_language_bidi


def site(request):
    return {
        "LANGUAGE_BIDI": get_language_bidi(),
        "CURRENT_LANGUAGE": get_language(),
        "UI_LANGUAGES": settings.LANGUAGES,
        "MEDIAWIKI_LOGIN": bool(settings.MEDIAWIKI_CLIENT_ID and settings.MEDIAWIKI_CLIENT_SECRET),
    }
