from django.contrib import admin
from django.urls import include, path

from capacityhub.api import api
from capacityhub.web.admin_login import admin_login, admin_logout

urlpatterns = [
    # Before the admin's own: the admin signs in through the hub's rate-limited login.
    path("admin/login/", admin_login, name="admin-login"),
    path("admin/logout/", admin_logout, name="admin-logout"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("", include("capacityhub.web.urls")),
]

handler400 = "capacityhub.web.errors.bad_request"
