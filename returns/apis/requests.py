"""Document requests over the API: list, raise, answer, review, accept an answer as evidence."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

import policy
from core import api, idempotency
from core.api import ApiView, ListApi
from returns import selectors
from returns.apis.common import (
    IDEMPOTENCY_KEY,
    AcceptInputSerializer,
    EvidenceRefSerializer,
    RequestDetailSerializer,
    RequestSerializer,
    accept_values,
    found,
    once,
    portal_assessment,
    statements_for,
)
from returns.models import DocumentRequest
from returns.services import evidence as evidence_services
from returns.services import requests as services
from returns.services.requests import REVIEW_DECISIONS


class RequestInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    reason = serializers.CharField(max_length=20_000)
    statements = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=99), min_length=1, max_length=20
    )
    due_on = serializers.DateField()


class ResponseInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=20_000, required=False, allow_blank=True, default="")
    link = serializers.CharField(max_length=500, required=False, allow_blank=True, default="",
                                 help_text="http or https only.")  # fmt: skip
    file = api.FileField(required=False, default=None)


class ReviewInputSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=sorted(REVIEW_DECISIONS))
    note = serializers.CharField(max_length=20_000, required=False, allow_blank=True)
    version = serializers.IntegerField(min_value=1, help_text="The version you last read.")


def _request(view, request, request_id: int, check=None) -> DocumentRequest:
    document_request = found(selectors.request_for, request_id)
    portal_assessment(view, request, document_request.assessment_id, check)
    return document_request


def _detail(request_id: int) -> dict:
    document_request = selectors.request_detail(request_id)
    data = RequestDetailSerializer(document_request).data
    data["responses"] = (
        RequestDetailSerializer()
        .fields["responses"]
        .to_representation(selectors.responses_for(document_request))
    )
    return data


class RequestListApi(ListApi):
    """An assessment's document requests (council and team); the team raises new ones."""

    serializer_class = RequestSerializer
    filter_backends = []

    def list(self, request, assessment_id: int):
        assessment = portal_assessment(self, request, assessment_id)
        page = self.paginate_queryset(selectors.requests_for(assessment))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(request=RequestInputSerializer, parameters=[IDEMPOTENCY_KEY],
                   responses={201: RequestDetailSerializer})  # fmt: skip
    def post(self, request, assessment_id: int):
        assessment = portal_assessment(self, request, assessment_id, policy.can_manage_requests)
        data = RequestInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = {
            **data.validated_data,
            "statements": statements_for(assessment, data.validated_data["statements"]),
        }
        raised, created = once(
            request,
            scope=f"returns.request:{assessment.pk}",
            create=lambda: services.request_create(
                actor=request.user, assessment=assessment, **values
            ),
            find=lambda request_id: selectors.request_for(int(request_id)),
        )
        return Response(
            _detail(raised.pk),
            status=status.HTTP_201_CREATED,
            headers=idempotency.response_headers(created),
        )


class RequestDetailApi(ApiView):
    """One request with the council's answers."""

    serializer_class = RequestDetailSerializer

    def get(self, request, request_id: int):
        return Response(_detail(_request(self, request, request_id).pk))


class RequestRespondApi(ApiView):
    """The council answers a request: text, a link and/or one file (multipart)."""

    parser_classes = [MultiPartParser]
    serializer_class = RequestDetailSerializer

    @extend_schema(request=ResponseInputSerializer, parameters=[IDEMPOTENCY_KEY],
                   responses={201: RequestDetailSerializer})  # fmt: skip
    def post(self, request, request_id: int):
        document_request = _request(self, request, request_id, policy.can_answer_for_council)
        data = ResponseInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        _response, created = once(
            request,
            scope=f"returns.response:{document_request.pk}",
            create=lambda: services.response_create(
                actor=request.user, request=document_request, text=values["text"],
                link=values["link"], files=[values["file"]] if values["file"] else [],
            ),
            find=selectors.response_for,
        )  # fmt: skip
        return Response(
            _detail(document_request.pk),
            status=status.HTTP_201_CREATED,
            headers=idempotency.response_headers(created),
        )


class RequestReviewApi(ApiView):
    """The team accepts an answered request, asks for more or withdraws it."""

    serializer_class = RequestDetailSerializer

    @extend_schema(request=ReviewInputSerializer)
    def post(self, request, request_id: int):
        document_request = _request(self, request, request_id, policy.can_manage_requests)
        data = ReviewInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.request_review(actor=request.user, request=document_request, **data.validated_data)
        return Response(_detail(document_request.pk))


class ResponseAcceptApi(ApiView):
    """The team accepts a request's answer as evidence in one step (files linked)."""

    serializer_class = EvidenceRefSerializer

    @extend_schema(request=AcceptInputSerializer, parameters=[IDEMPOTENCY_KEY],
                   responses={201: EvidenceRefSerializer})  # fmt: skip
    def post(self, request, response_id: int):
        response = found(selectors.response_for, response_id)
        assessment = portal_assessment(
            self, request, response.request.assessment_id, policy.can_accept_as_evidence
        )
        data = AcceptInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = accept_values(assessment, data.validated_data)
        item, created = once(
            request,
            scope=f"returns.accept:response:{response.pk}",
            create=lambda: evidence_services.evidence_accept(
                actor=request.user, response=response, **values
            ),
            find=selectors.evidence_item,
        )
        return Response(
            {"evidence_id": item.pk},
            status=status.HTTP_201_CREATED,
            headers=idempotency.response_headers(created),
        )
