"""Winter pressures over the API: national shares with suppression (public)."""

from __future__ import annotations

from django.http import Http404
from rest_framework import serializers
from rest_framework.response import Response

from core.api import PublicApiView
from winter import selectors


class ShareSerializer(serializers.Serializer):
    answering = serializers.IntegerField()
    yes = serializers.IntegerField(allow_null=True, help_text="Null when suppressed.")
    share = serializers.FloatField(allow_null=True)
    suppressed = serializers.BooleanField()


class RegionShareSerializer(ShareSerializer):
    region = serializers.CharField()


class QuestionSerializer(serializers.Serializer):
    code = serializers.CharField(source="question.code")
    text = serializers.CharField(source="question.text")
    national = ShareSerializer()
    by_region = RegionShareSerializer(many=True)


class SurveySharesSerializer(serializers.Serializer):
    survey = serializers.CharField(source="survey.code")
    title = serializers.CharField(source="survey.title")
    councils = serializers.IntegerField()
    synthetic = serializers.BooleanField()
    suppress_below = serializers.IntegerField()
    questions = QuestionSerializer(many=True, source="rows")


class SurveySharesApi(PublicApiView):
    """Shares of councils answering yes to each question, nationally and by region; a group
    of fewer than 5 councils is suppressed."""

    serializer_class = SurveySharesSerializer
    pagination_class = None

    def get(self, request, code: str):
        survey = selectors.survey_get(code=code)
        if survey is None:
            raise Http404
        data = selectors.survey_shares(survey=survey)
        for row in data.rows:
            row.by_region = [
                {"region": name, **vars(s), "share": s.share} for name, s in row.by_region
            ]
        return Response(self.get_serializer(data).data)
