"""Output serializers every app's API shares: how a user and a council are referred to.

Plain serializers (no model import), so core stays the ground floor: any object with the
attributes named here can be rendered. Every API shows a user as {id, name} and a council as
{gss_code, name}, the same way everywhere.
"""

from __future__ import annotations

from rest_framework import serializers


class UserRefSerializer(serializers.Serializer):
    """A user as other records refer to them: id and display name (never username or email)."""

    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(source="display_name")


class CouncilRefSerializer(serializers.Serializer):
    """A council as other records refer to it: its GSS code and name."""

    gss_code = serializers.CharField(max_length=9)
    name = serializers.CharField(max_length=100)
