from .views import accounts, community, home, organizations, taxonomy

app_name = "web"
urlpatterns = [
    *home.urlpatterns,
    *taxonomy.urlpatterns,
    *community.urlpatterns,
    *organizations.urlpatterns,
    *accounts.urlpatterns,
]
