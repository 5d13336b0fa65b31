from django.urls import path

from certifications import views
from certifications.feeds import changes_feed

app_name = "certifications"

urlpatterns = [
    path("certifications/", views.catalogue_list, name="list"),
    path("certifications/changes.atom", changes_feed, name="changes_feed"),
    path("certifications/<slug:slug>/", views.certification_detail, name="detail"),
]
