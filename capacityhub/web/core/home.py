from django.shortcuts import render
from django.urls import path

from capacityhub.community.selectors import organization_list, profile_list
from capacityhub.taxonomy.selectors import capacity_list


def home(request):
    numbers = {
        "people": profile_list(viewer=request.user).count(),
        "organizations": organization_list().count(),
        "capacities": capacity_list().count(),
    }
    return render(request, "web/home.html", {"numbers": numbers})


urlpatterns = [path("", home, name="home")]
