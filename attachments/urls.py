from django.urls import path

from attachments import catalogue, views

app_name = "attachments"
urlpatterns = [
    path("upload/", views.staff_upload, name="staff_upload"),
    path("catalogue/", catalogue.catalogue, name="catalogue"),
    path("file/<str:token>/", views.serve, name="file"),
    path("<str:site_key>/upload/", views.customer_upload, name="customer_upload"),
]
