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
]
