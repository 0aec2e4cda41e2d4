from django.urls import path

from assessments import views

app_name = "assessments"

urlpatterns = [
    path("", views.assessment_list, name="list"),
    path("national-ratings/", views.national_table, name="national_table"),
    path("<int:pk>/", views.assessment_detail, name="detail"),
]
