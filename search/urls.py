from django.urls import path

from search import views

urlpatterns = [
    path("", views.results_page, name="search"),
    path("api/", views.results_json, name="search_api"),
]
