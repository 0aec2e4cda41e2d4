from django.urls import path

from hic import views

app_name = "hic"

urlpatterns = [
    path("", views.national_ranking, name="national"),
    path("councils/<str:gss_code>/", views.council_hic, name="council"),
    path("councils/<str:gss_code>/new/", views.self_assessment_create, name="create"),
]
