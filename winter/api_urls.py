from django.urls import path

from winter import apis

urlpatterns = [
    path("winter-pressures/<slug:code>/", apis.SurveySharesApi.as_view(), name="winter-shares"),
]
