from django.urls import path

from certifications import views

app_name = "certifications"

urlpatterns = [
    path("certifications/", views.catalogue_list, name="list"),
    path("certifications/<slug:slug>/", views.certification_detail, name="detail"),
]
