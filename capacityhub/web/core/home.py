from django.shortcuts import render
from django.urls import path
from django.utils.translation import get_language

from capacityhub.community.selectors import organization_list, profile_list
from capacityhub.exchange.selectors.first_visit import first_steps, nearby, reader_place
from capacityhub.taxonomy.selectors import capacity_list


def home(request):
    numbers = {
        "people": profile_list(viewer=request.user).count(),
        "organizations": organization_list().count(),
        "capacities": capacity_list().count(),
    }
    languages, region = reader_place(user=request.user, fallback_language=get_language())
    checklist = first_steps(user=request.user)
    context = {
        "numbers": numbers,
        "checklist": checklist if checklist and not checklist.complete else None,
        "nearby": nearby(viewer=request.user, languages=languages, region=region),
    }
    return render(request, "web/home.html", context)


urlpatterns = [path("", home, name="home")]
