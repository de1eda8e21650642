"""The project's URLs plus the matching page and API modules, for the matching tests.

Until capacityhub/web/urls.py and capacityhub/api/__init__.py include them (the lead's files),
the matching tests route through this URLconf; once they do, it changes nothing (the first
match wins and it is the same view)."""

from django.urls import include, path

from capacityhub.api import CapacityHubAPI, api
from capacityhub.api.exchange_matching import router
from capacityhub.web import urls as web_urls
from capacityhub.web.views import exchange_matching
from config import urls as project_urls

matching_api = CapacityHubAPI(
    title="Capacity Hub API (matching tests)",
    version="matching-tests",
    urls_namespace="api-matching-tests",
    auth=api.auth,
)
matching_api._exception_handlers = api._exception_handlers
matching_api.add_router("", router)

web = [*web_urls.urlpatterns, *exchange_matching.urlpatterns]
urlpatterns = [
    *[p for p in project_urls.urlpatterns if str(p.pattern) in {"admin/", "accounts/", "i18n/"}],
    path("api/v1/", api.urls),
    path("api/v1/", matching_api.urls),
    path("", include((web, "web"), namespace="web")),
]
