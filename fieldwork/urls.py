from django.urls import path

from fieldwork.views import cases, sessions, sufficiency

app_name = "fieldwork"

urlpatterns = [
    path("assessments/<int:pk>/", cases.overview, name="overview"),
    path("assessments/<int:pk>/case-list/", cases.case_upload, name="case_upload"),
    path("assessments/<int:pk>/cases/", cases.case_list, name="cases"),
    path("assessments/<int:pk>/sample/", cases.sample_draw, name="sample_draw"),
    path("cases/<int:pk>/", cases.case_detail, name="case_detail"),
    path("cases/<int:pk>/consent/", cases.case_consent, name="case_consent"),
    path("cases/<int:pk>/contact/", cases.case_contact, name="case_contact"),
    path("cases/<int:pk>/notes/", cases.case_note, name="case_note"),
    path("cases/<int:pk>/sample/", cases.case_sample, name="case_sample"),
    path("assessments/<int:pk>/sessions/", sessions.session_list, name="sessions"),
    path("assessments/<int:pk>/sessions/new/", sessions.session_create, name="session_create"),
    path("assessments/<int:pk>/sessions.ics", sessions.sessions_ics, name="sessions_ics"),
    path("sessions/<int:pk>/", sessions.session_detail, name="session_detail"),
    path("sessions/<int:pk>/notes/", sessions.session_notes, name="session_notes"),
    path("calendar/", sessions.my_calendar, name="my_calendar"),
    path("calendar.ics", sessions.my_calendar_ics, name="my_calendar_ics"),
    path("assessments/<int:pk>/sufficiency/", sufficiency.sufficiency, name="sufficiency"),
    path("assessments/<int:pk>/override/", sufficiency.override, name="override"),
]
