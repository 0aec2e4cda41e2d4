from django.urls import path

from national import upload_views, views

app_name = "national"

urlpatterns = [
    path("", views.outcomes_ranking, name="outcomes"),
    path("outcomes-per-pound/", views.outcomes_ranking, name="outcomes_ranking"),
    path("outcomes-per-pound/method/", views.outcomes_method, name="outcomes_method"),
    path("ratings/", views.national_table, name="ratings"),
    path("ratings.csv", views.national_table_csv, name="ratings_csv"),
    path("ratings.xlsx", views.national_table_xlsx, name="ratings_xlsx"),
    path("pressure/", views.pressure_levels, name="pressure"),
    path("waiting-lists/new/", views.waiting_list_create, name="waiting_list_create"),
    path("councils/<str:gss_code>/", views.council_profile, name="council_profile"),
    path("upload/indicators/", upload_views.indicators_upload, name="upload_indicators"),
    path("upload/spend/", upload_views.spend_upload, name="upload_spend"),
    path("upload/waiting-lists/", upload_views.waiting_lists_upload, name="upload_waiting_lists"),
]
