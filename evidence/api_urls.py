from django.urls import path

from evidence import apis

urlpatterns = [
    path(
        "assessments/<int:assessment_id>/evidence/",
        apis.EvidenceListApi.as_view(),
        name="evidence-list",
    ),
    path(
        "assessments/<int:assessment_id>/evidence/uploads/",
        apis.EvidenceUploadApi.as_view(),
        name="evidence-upload",
    ),
    path("evidence/<int:evidence_id>/", apis.EvidenceDetailApi.as_view(), name="evidence-detail"),
    path(
        "evidence/<int:evidence_id>/withdraw/",
        apis.EvidenceWithdrawApi.as_view(),
        name="evidence-withdraw",
    ),
    path(
        "evidence/attachments/<int:attachment_id>/",
        apis.AttachmentDownloadApi.as_view(),
        name="evidence-attachment",
    ),
]
