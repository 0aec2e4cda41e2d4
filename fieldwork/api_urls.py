from django.urls import path

from fieldwork.apis import cases, sessions, sufficiency

urlpatterns = [
    path(
        "assessments/<int:assessment_id>/case-list/",
        cases.CaseListUploadApi.as_view(),
        name="fieldwork-case-list",
    ),
    path(
        "assessments/<int:assessment_id>/cases/",
        cases.CaseListApi.as_view(),
        name="fieldwork-cases",
    ),
    path(
        "assessments/<int:assessment_id>/sample/",
        cases.SampleApi.as_view(),
        name="fieldwork-sample",
    ),
    path("cases/<int:case_id>/", cases.CaseApi.as_view(), name="fieldwork-case"),
    path(
        "cases/<int:case_id>/sample/", cases.CaseSampleApi.as_view(), name="fieldwork-case-sample"
    ),
    path(
        "cases/<int:case_id>/consent/",
        cases.CaseConsentApi.as_view(),
        name="fieldwork-case-consent",
    ),
    path(
        "cases/<int:case_id>/contact-attempts/",
        cases.CaseContactApi.as_view(),
        name="fieldwork-case-contact",
    ),
    path(
        "cases/<int:case_id>/journey-notes/",
        cases.CaseNoteApi.as_view(),
        name="fieldwork-case-note",
    ),
    path(
        "assessments/<int:assessment_id>/sessions/",
        sessions.SessionListApi.as_view(),
        name="fieldwork-sessions",
    ),
    path(
        "sessions/<int:session_id>/notes/",
        sessions.SessionNotesApi.as_view(),
        name="fieldwork-session-notes",
    ),
    path(
        "assessments/<int:assessment_id>/evidence-sufficiency/",
        sufficiency.SufficiencyApi.as_view(),
        name="fieldwork-sufficiency",
    ),
    path(
        "assessments/<int:assessment_id>/peoples-experience-override/",
        sufficiency.OverrideApi.as_view(),
        name="fieldwork-override",
    ),
]
