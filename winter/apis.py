"""Winter pressures over the API: national shares with suppression (public)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

import policy
from core.api import ApiView, PublicApiView
from core.serializers import CouncilRefSerializer
from councils import selectors as council_selectors
from winter import selectors, services
from winter.models import QuestionKind


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


class WinterAnswerSerializer(serializers.Serializer):
    question = serializers.SlugField(max_length=60)
    yes = serializers.BooleanField(required=False, allow_null=True, default=None)
    text = serializers.CharField(required=False, allow_blank=True, max_length=4000, default="")


class CouncilResponseSerializer(serializers.Serializer):
    council = CouncilRefSerializer(read_only=True)
    survey = serializers.CharField(read_only=True)
    synthetic = serializers.BooleanField(read_only=True)
    published = serializers.BooleanField(
        default=False, help_text="True: the council publishes its own answers."
    )
    answers = WinterAnswerSerializer(many=True)


class CouncilResponseApi(ApiView):
    """GET: a council's own answers (public once it publishes them; otherwise its own users and
    admins, and 404 for anyone else). PUT: create or replace them (the council's own users)."""

    serializer_class = CouncilResponseSerializer

    def get_permissions(self):
        if self.request.method == "GET":
            return [AllowAny()]
        return super().get_permissions()

    def _objects(self, code, gss_code):
        survey = selectors.survey_get(code=code)
        if survey is None:
            raise Http404
        council = get_object_or_404(council_selectors.council_queryset(), gss_code=gss_code)
        return survey, council

    def _out(self, survey, council):
        response = selectors.council_response(survey=survey, council=council)
        return {
            "council": council,
            "survey": survey.code,
            "synthetic": response.synthetic,
            "published": response.published,
            "answers": [
                {"question": a.question.code, "yes": a.yes, "text": a.text}
                for a in response.answers.all()
            ],
        }

    def get(self, request, code: str, gss_code: str):
        survey, council = self._objects(code, gss_code)
        response = selectors.council_response(survey=survey, council=council)
        policy.require(
            response is not None
            and policy.can_view_council_winter_answers(
                request.user, council.pk, published=response.published
            ),
            hide=True,
        )
        return Response(self.get_serializer(self._out(survey, council)).data)

    def put(self, request, code: str, gss_code: str):
        survey, council = self._objects(code, gss_code)
        policy.require(
            policy.can_enter_for_council(request.user, council.pk),
            message="Only the council's own users can answer for it.",
        )
        data = self.get_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        questions = {q.code: q for q in survey.questions.all()}
        answers = {}
        for answer in data.validated_data["answers"]:
            question = questions.get(answer["question"])
            if question is None:
                raise serializers.ValidationError(
                    {"answers": [f"{survey.code} has no question {answer['question']}."]}
                )
            answers[question] = (
                answer.get("yes") if question.kind == QuestionKind.YES_NO else answer.get("text")
            )
        services.response_save(
            actor=request.user,
            survey=survey,
            council=council,
            answers=answers,
            published=data.validated_data["published"],
        )
        return Response(self.get_serializer(self._out(survey, council)).data)
