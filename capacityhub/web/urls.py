from .community import accounts, organizations, people
from .core import home
from .events import events
from .exchange import connections, matching, needs, offers
from .exchange import map as capacity_map
from .knowledge import opendata, resources
from .learning import courses
from .search import search
from .taxonomy import capacities

app_name = "web"
urlpatterns = [
    *home.urlpatterns,
    *capacities.urlpatterns,
    *people.urlpatterns,
    *organizations.urlpatterns,
    *accounts.urlpatterns,
    *needs.urlpatterns,
    *offers.urlpatterns,
    *connections.urlpatterns,
    *capacity_map.urlpatterns,
    *matching.urlpatterns,
    *search.urlpatterns,
    *resources.urlpatterns,
    *courses.urlpatterns,
    *events.urlpatterns,
    *opendata.urlpatterns,
]
