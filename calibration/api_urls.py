from django.urls import path

from calibration import apis

urlpatterns = [
    path(
        "assessments/<int:assessment_id>/calibration/",
        apis.PanelApi.as_view(),
        name="calibration-panel",
    ),
    path(
        "assessments/<int:assessment_id>/calibration/members/",
        apis.MemberAddApi.as_view(),
        name="calibration-members",
    ),
    path(
        "assessments/<int:assessment_id>/calibration/members/<int:member_id>/",
        apis.MemberRemoveApi.as_view(),
        name="calibration-member",
    ),
    path(
        "assessments/<int:assessment_id>/calibration/propose/",
        apis.ProposeApi.as_view(),
        name="calibration-propose",
    ),
    path(
        "assessments/<int:assessment_id>/calibration/statements/<int:number>/",
        apis.OutcomeApi.as_view(),
        name="calibration-outcome",
    ),
    path(
        "assessments/<int:assessment_id>/calibration/sign-off/",
        apis.SignOffApi.as_view(),
        name="calibration-sign-off",
    ),
    path("calibration/moderation/", apis.ModerationApi.as_view(), name="calibration-moderation"),
]
