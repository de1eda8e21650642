"""The evaluation pages."""

from django.urls import path

from . import manage, opendata, views

urlpatterns: list = [
    path("evaluation/", views.evaluation_list, name="evaluation-list"),
    path("evaluation/new/", manage.create, name="evaluation-create"),
    path("evaluation/practices/", views.practices, name="evaluation-practices"),
    path("evaluation/open-data.csv", opendata.open_data_csv, name="evaluation-open-data-csv"),
    path("evaluation/open-data.json", opendata.open_data_json, name="evaluation-open-data-json"),
    path("evaluation/data-dictionary/", opendata.data_dictionary, name="evaluation-dictionary"),
    path("evaluation/<int:pk>/", views.evaluation_detail, name="evaluation-detail"),
    path("evaluation/<int:pk>/edit/", manage.edit, name="evaluation-edit"),
    path("evaluation/<int:pk>/indicators/", manage.add_indicator, name="evaluation-indicator-add"),
    path("evaluation/<int:pk>/surveys/", manage.add_survey, name="evaluation-survey-create"),
    path("evaluation/surveys/<int:pk>/", views.survey_page, name="evaluation-survey"),
    path("evaluation/surveys/<int:pk>/consent/", views.survey_consent,
         name="evaluation-consent"),
    path("evaluation/surveys/<int:pk>/invite/", manage.invite, name="evaluation-invite"),
]  # fmt: skip
