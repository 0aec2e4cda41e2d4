from django.urls import path

from riskrating import views

app_name = "riskrating"

urlpatterns = [
    path("", views.risk_rating, name="page"),
    path("changes.atom", views.level_changes_feed, name="feed"),
    path("councils/<str:gss_code>/statement/", views.statement_edit, name="statement_edit"),
]
