"""API tokens over the API: your own (create, see whether you have one, revoke), and an
admin's revocation of anyone's. The account page offers the same through the web."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

import policy
from accounts import selectors, services
from accounts.models import User
from core.api import ApiView, ListApi
from policy.api import require_policy, user_policy_permission


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


# ---- locked-out users (admins) -----------------------------------------------------------


class LockedUserSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="user.pk")
    username = serializers.CharField(source="user.username")
    name = serializers.CharField(source="user.display_name")
    failures = serializers.IntegerField(help_text="Failed sign-ins within the lockout window.")
    last_failure = serializers.DateTimeField()
    locked_until = serializers.DateTimeField()


class UnlockOutputSerializer(serializers.Serializer):
    unlocked = serializers.BooleanField(help_text="False when the user was not locked out.")


class LockedUserListApi(ListApi):
    """Users locked out of signing in now (too many failed sign-ins on the service's or the
    admin's sign-in page), newest failure first. Admins only."""

    permission_classes = [user_policy_permission(policy.can_unlock_users)]
    serializer_class = LockedUserSerializer
    filter_backends: list = []
    queryset = User.objects.none()  # the schema's model; requests use the selector

    def get_queryset(self):
        return selectors.locked_out_users()


class UserUnlockApi(ApiView):
    """Clear a user's failed sign-ins so they can sign in at once (audited). Admins only."""

    permission_classes = [user_policy_permission(policy.can_unlock_users)]
    serializer_class = UnlockOutputSerializer

    @extend_schema(request=None, responses={200: UnlockOutputSerializer})
    def post(self, request, user_id: int):
        user = get_object_or_404(selectors.user_queryset(), pk=user_id)
        removed = services.user_unlock(actor=request.user, user=user)
        return Response({"unlocked": bool(removed)})
