from django.contrib import admin
from django.urls import include, path

from config.api import api

admin.site.site_header = "certpath catalogue"
admin.site.site_title = "certpath admin"
admin.site.index_title = "Catalogue administration"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("advisor.urls")),
    path("", include("certifications.urls")),
]

handler400 = "web.errors.bad_request"
handler403 = "web.errors.permission_denied"
handler404 = "web.errors.page_not_found"
handler500 = "web.errors.server_error"
