"""API tokens over the API: your own (create, see whether you have one, revoke), and an
admin's revocation of anyone's. The account page offers the same through the web."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

import policy
from accounts import selectors, services
from core.api import ApiView
from policy.api import require_policy


class TokenStatusSerializer(serializers.Serializer):
    has_token = serializers.BooleanField()
    created = serializers.DateTimeField(allow_null=True)


class NewTokenSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="Shown once: send it as `Authorization: Token <key>`.")
    created = serializers.DateTimeField()


class MyTokenApi(ApiView):
    """Your own API token. Creating a new one stops the old one working."""

    serializer_class = TokenStatusSerializer

    @extend_schema(responses={200: TokenStatusSerializer})
    def get(self, request):
        token = selectors.token_of_user(user=request.user)
        return Response({"has_token": token is not None, "created": token and token.created})

    @extend_schema(request=None, responses={201: NewTokenSerializer})
    def post(self, request):
        token = services.token_create(user=request.user)
        return Response(NewTokenSerializer(token).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={204: None})
    def delete(self, request):
        services.token_revoke(user=request.user, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class UserTokenRevokeApi(ApiView):
    """Revoke a user's API token (admins; anyone for their own)."""

    @extend_schema(request=None, responses={204: None})
    def delete(self, request, user_id: int):
        owner = get_object_or_404(selectors.user_queryset(), pk=user_id)
        require_policy(
            self, request, owner, policy.can_manage_token, visible=policy.can_manage_token
        )
        services.token_revoke(user=owner, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
