from django.urls import path

from audit import views

urlpatterns = [
    path("", views.event_list, name="audit_log"),
    path("<int:pk>/", views.event_detail, name="audit_event"),
    path("export.csv", views.export_csv, name="audit_export"),
    path("verify/", views.verify_now, name="audit_verify"),
    path("verify/<str:run_id>/", views.verify_progress, name="audit_verify_progress"),
]
