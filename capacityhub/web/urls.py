from .formbuilder import views as formbuilder_views  # noqa: E402
from .integrity import views as integrity_views  # noqa: E402
from .review import urls as review_urls  # noqa: E402
from .views import (
    accounts,
    community,
    events,
    exchange_connections,
    exchange_map,
    exchange_matching,
    exchange_needs,
    exchange_offers,
    home,
    knowledge,
    learning,
    opendata,
    organizations,
    search,
    taxonomy,
)

app_name = "web"
urlpatterns = [
    *home.urlpatterns,
    *taxonomy.urlpatterns,
    *community.urlpatterns,
    *organizations.urlpatterns,
    *accounts.urlpatterns,
    *exchange_needs.urlpatterns,
    *exchange_offers.urlpatterns,
    *exchange_connections.urlpatterns,
    *exchange_map.urlpatterns,
    *exchange_matching.urlpatterns,
    *search.urlpatterns,
    *knowledge.urlpatterns,
    *learning.urlpatterns,
    *events.urlpatterns,
    *opendata.urlpatterns,
    *formbuilder_views.urlpatterns,
    *integrity_views.urlpatterns,
    *review_urls.urlpatterns,
]
