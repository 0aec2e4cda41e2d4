from django.urls import path

from assessments import views

app_name = "assessments"

urlpatterns = [
    path("", views.assessment_list, name="list"),
    path("national-ratings/", views.national_table, name="national_table"),
    path("<int:pk>/", views.assessment_detail, name="detail"),
]

urlpatterns += [
    path("new/", views.assessment_create, name="create"),
    path("<int:pk>/edit/", views.assessment_edit, name="edit"),
]
