"""Search over the API: the same service, the same policy filter, the same parameters as the
search page (GET /api/v1/search/?q=...)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

import policy
from core import api
from core.api import ApiView
from councils.models import Council
from search import registry, selectors


class SearchInputSerializer(serializers.Serializer):
    q = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        help_text='Words (all must match), "a phrase", or a prefix*. Empty: no results.',
    )
    kind = serializers.ChoiceField(choices=[], required=False)
    council = api.SlugRelatedField(
        slug_field="gss_code", queryset=Council.objects.all(), required=False
    )
    assessment = serializers.IntegerField(required=False, min_value=1)
    statement = serializers.IntegerField(required=False, min_value=1, max_value=99)
    category = serializers.CharField(required=False, max_length=100)
    date_from = serializers.DateField(required=False)
    date_to = serializers.DateField(required=False)
    page = serializers.IntegerField(required=False, min_value=1, max_value=10_000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = registry.choices()

    def validate(self, attrs):
        if (
            attrs.get("date_from")
            and attrs.get("date_to")
            and attrs["date_from"] > attrs["date_to"]
        ):
            raise serializers.ValidationError(
                {"date_to": "The end date must be the same as or after the start date."}
            )
        return attrs


class SearchHitSerializer(serializers.Serializer):
    kind = serializers.CharField(source="document.kind")
    kind_label = serializers.CharField()
    id = serializers.IntegerField(source="document.object_id")
    title = serializers.CharField(source="document.title")
    url = serializers.CharField(source="document.url")
    council = serializers.CharField(source="document.council.gss_code")
    assessment = serializers.IntegerField(source="document.assessment_id", allow_null=True)
    date = serializers.DateField(source="document.date", allow_null=True)
    snippet = serializers.CharField(help_text="HTML: matched words in <mark>, the rest escaped.")
    note = serializers.CharField(source="document.note")
    contains_personal_data = serializers.BooleanField(source="document.contains_personal_data")
    demo = serializers.SerializerMethodField()
    rank = serializers.FloatField()

    def get_demo(self, hit) -> bool:
        assessment = hit.document.assessment
        return bool(assessment and assessment.is_demo)


class SearchResultsSerializer(serializers.Serializer):
    query = serializers.CharField(source="query.text")
    count = serializers.IntegerField(
        source="total", help_text="Matches, up to the limit (see `more`)."
    )
    more = serializers.BooleanField(
        help_text="More matches than `count`: ranked among the `count` most recently added matches."
    )
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    results = SearchHitSerializer(source="hits", many=True)


class SearchApi(ApiView):
    """Full-text search over what you may see: evidence (with its files' text), findings,
    summaries, challenges, information returns and answers to document requests."""

    serializer_class = SearchResultsSerializer

    @extend_schema(parameters=[SearchInputSerializer], responses=SearchResultsSerializer)
    def get(self, request):
        policy.require(policy.can_search(request.user))
        params = SearchInputSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        council = data.get("council")
        filters = selectors.SearchFilters(
            council_id=council.pk if council else None,
            assessment_id=data.get("assessment"),
            statement_number=data.get("statement"),
            kind=data.get("kind", ""),
            category=data.get("category", ""),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
        results = selectors.search(
            request.user, data.get("q", ""), filters, page=data.get("page", 1)
        )
        return Response(SearchResultsSerializer(results).data)
