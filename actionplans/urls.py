from django.urls import path

from actionplans import views

app_name = "actionplans"

urlpatterns = [
    path("assessments/<int:pk>/", views.plan, name="plan"),
    path("assessments/<int:pk>/actions/<int:action_pk>/", views.action_update, name="update"),
]
