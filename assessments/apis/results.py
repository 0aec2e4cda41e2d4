"""The import of published results over the API (admins)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

import policy
from assessments import services
from core.api import ApiView
from policy.api import user_policy_permission


class ResultsImportInputSerializer(serializers.Serializer):
    csv = serializers.CharField(
        max_length=2_000_000, trim_whitespace=False, help_text="The results CSV, as text."
    )
    source = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class ResultsImportOutputSerializer(serializers.Serializer):
    imported = serializers.IntegerField()
    assessments = serializers.ListField(child=serializers.IntegerField())


class ResultsImportApi(ApiView):
    """Load published results from CSV (admins): every row loads, or none does and the
    answer (400) lists each bad line."""

    permission_classes = [user_policy_permission(policy.can_manage_reference_data)]

    @extend_schema(
        request=ResultsImportInputSerializer, responses={201: ResultsImportOutputSerializer}
    )
    def post(self, request):
        data = ResultsImportInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            assessments = services.published_results_import(
                actor=request.user,
                text=data.validated_data["csv"],
                source=data.validated_data["source"],
            )
        except services.ResultsImportError as exc:
            raise ValidationError({"csv": exc.errors, "detail": str(exc)}) from exc
        return Response(
            {"imported": len(assessments), "assessments": [a.pk for a in assessments]},
            status=status.HTTP_201_CREATED,
        )
