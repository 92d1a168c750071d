from django.urls import path

from analytics import views

urlpatterns = [
    path("", views.overview, name="analytics_overview"),
    path("agents/", views.agents, name="analytics_agents"),
    path("knowledge/", views.knowledge, name="analytics_knowledge"),
    path("customers/", views.customers, name="analytics_customers"),
    path("forecast/", views.forecast, name="analytics_forecast"),
    path("knowledge/new-entry/", views.entry_from_topic, name="analytics_entry_from_topic"),
]
