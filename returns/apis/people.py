"""Notifications and a council's contributors over the API."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

import policy
from assessments.apis import UserRefSerializer
from core import idempotency
from core.api import ApiView, ListApi
from councils.models import Council
from returns import selectors
from returns.apis.common import IDEMPOTENCY_KEY, NotificationSerializer, found, once
from returns.services import contributors as services
from returns.services.common import notification_mark_read


class NotificationListApi(ListApi):
    """Your notifications, newest first (`unread` in each is `read_at` empty)."""

    serializer_class = NotificationSerializer
    filter_backends = []

    def get_queryset(self):
        return selectors.notifications_for(self.request.user)


class NotificationReadApi(ApiView):
    """Mark one of your notifications read."""

    serializer_class = NotificationSerializer

    @extend_schema(request=None)
    def post(self, request, notification_id: int):
        note = found(selectors.notification_of, request.user, notification_id)
        notification_mark_read(notification=note)
        return Response(NotificationSerializer(note).data)


class InviteInputSerializer(serializers.Serializer):
    full_name = serializers.CharField(max_length=150)
    email = serializers.CharField(max_length=254)


def _council(view, request, gss_code: str) -> Council:
    council = found(selectors.council_by_code, gss_code)
    if not policy.can_manage_contributors(request.user, council.pk):
        view.permission_denied(request, message="Only the council's leads can do that.")
    return council


class ContributorListApi(ListApi):
    """A council's contributors (its leads and admins); a lead invites one by email."""

    serializer_class = UserRefSerializer
    filter_backends = []

    def list(self, request, gss_code: str):
        council = _council(self, request, gss_code)
        page = self.paginate_queryset(selectors.council_contributors(council.pk))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(request=InviteInputSerializer, parameters=[IDEMPOTENCY_KEY],
                   responses={201: UserRefSerializer})  # fmt: skip
    def post(self, request, gss_code: str):
        council = _council(self, request, gss_code)
        data = InviteInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user, created = once(
            request,
            scope=f"returns.invite:{council.pk}",
            create=lambda: services.contributor_invite(
                actor=request.user, council=council, **data.validated_data
            ),
            find=lambda user_id: selectors.user_by_pk(int(user_id)),
        )
        return Response(
            UserRefSerializer(user).data,
            status=status.HTTP_201_CREATED,
            headers=idempotency.response_headers(created),
        )


class ContributorApi(ApiView):
    """Remove a contributor from the council."""

    @extend_schema(request=None, responses={204: None})
    def delete(self, request, gss_code: str, user_id: int):
        council = _council(self, request, gss_code)
        user = found(selectors.user_by_pk, user_id)
        services.contributor_remove(actor=request.user, council=council, user=user)
        return Response(status=status.HTTP_204_NO_CONTENT)
