from django.urls import path

from advisor import views

app_name = "advisor"

urlpatterns = [
    path("", views.questionnaire, name="questionnaire"),
    path("results/", views.results, name="results"),
    path("results/why/<slug:slug>/", views.why, name="why"),
    path("share/", views.share, name="share"),
    path("r/<slug:code>/", views.shared, name="shared"),
    path("r/<slug:code>/owner/<slug:key>/", views.owner, name="owner"),
    path("r/<slug:code>/owner/<slug:key>/steps/", views.owner_step, name="owner_step"),
    path("r/<slug:code>/owner/<slug:key>/replan/", views.owner_replan, name="owner_replan"),
    path("r/<slug:code>/why/<slug:slug>/", views.shared_why, name="shared_why"),
    path("r/<slug:code>/plan.ics", views.shared_ics, name="shared_ics"),
    path("r/<slug:code>/changes.atom", views.plan_changes, name="plan_changes"),
    path("r/<slug:code>/result.json", views.shared_json, name="shared_json"),
    path("compare/", views.compare, name="compare"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
]
