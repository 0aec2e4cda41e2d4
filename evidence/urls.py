from django.urls import path

from evidence import preview_views, views

app_name = "evidence"

urlpatterns = [
    path("assessments/<int:pk>/evidence/", views.assessment_evidence, name="overview"),
    path("assessments/<int:pk>/evidence/new/", views.evidence_create, name="create"),
    path(
        "assessments/<int:pk>/evidence/categories/",
        views.category_options,
        name="category_options",
    ),
    path(
        "assessments/<int:pk>/statements/<int:number>/",
        views.statement_evidence,
        name="statement",
    ),
    path("evidence/<int:pk>/", views.evidence_detail, name="detail"),
    path("evidence/<int:pk>/edit/", views.evidence_edit, name="edit"),
    path("evidence/<int:pk>/withdraw/", views.evidence_withdraw, name="withdraw"),
    path("evidence/attachments/<int:pk>/", views.attachment_download, name="attachment"),
    path(
        "evidence/attachments/<int:pk>/view/",
        preview_views.attachment_inline,
        name="attachment_inline",
    ),
    path(
        "evidence/attachments/<int:pk>/thumbnail/",
        preview_views.attachment_thumbnail,
        name="attachment_thumbnail",
    ),
]
