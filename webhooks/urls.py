from django.urls import path

from webhooks import views

urlpatterns = [
    path("echo/", views.echo, name="webhooks_echo"),
]
