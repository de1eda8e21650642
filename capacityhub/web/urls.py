from .community import accounts, organizations, people
from .core import dashboard, home
from .evaluation import urls as evaluation_urls
from .events import events
from .exchange import connections, matching, needs, offers
from .exchange import map as capacity_map
from .forms import views as form_views
from .funding import urls as funding_urls
from .governance import urls as governance_urls
from .integrity import views as integrity_views
from .knowledge import opendata, resources
from .learning import courses
from .mentoring import urls as mentoring_urls
from .orgdev import urls as orgdev_urls
from .recognition import urls as recognition_urls
from .review import urls as review_urls
from .search import search
from .taxonomy import capacities

app_name = "web"
urlpatterns = [
    *home.urlpatterns,
    *dashboard.urlpatterns,
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
    *form_views.urlpatterns,
    *integrity_views.urlpatterns,
    *review_urls.urlpatterns,
    *mentoring_urls.urlpatterns,
    *recognition_urls.urlpatterns,
    *orgdev_urls.urlpatterns,
    *funding_urls.urlpatterns,
    *evaluation_urls.urlpatterns,
    *governance_urls.urlpatterns,
]
