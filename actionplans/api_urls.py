from django.urls import path

from actionplans import apis

urlpatterns = [
    path(
        "assessments/<int:assessment_id>/action-plan/",
        apis.ActionPlanApi.as_view(),
        name="action-plan",
    ),
    path(
        "assessments/<int:assessment_id>/action-plan/<int:action_id>/",
        apis.ActionUpdateApi.as_view(),
        name="action-plan-update",
    ),
]
