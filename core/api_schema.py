"""The API schema's documented error responses (kept apart from core.api, which imports
DRF's generic views: DRF imports the schema class while those are still loading)."""

from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    """An error: `detail` says what went wrong; `code` names the kind of error."""

    detail = serializers.CharField()
    code = serializers.CharField(required=False)


# Field errors: each key is a field (or non_field_errors, or detail) with its messages.
_VALIDATION_ERROR = {
    "type": "object",
    "additionalProperties": {
        "oneOf": [{"type": "array", "items": {}}, {"type": "string"}, {"type": "object"}]
    },
}


class ApiSchema(AutoSchema):
    """Documents the error responses operations give, so clients (and schemathesis) know
    their shape."""

    def _error(self, code: str, description: str, body=ErrorSerializer) -> dict:
        response = self._get_response_for_code(body, code)
        response["description"] = description
        return response

    def map_parsers(self) -> list[str]:
        """One request body per operation: multipart where the view takes files (evidence
        uploads, challenges with supporting files), JSON everywhere else. Several bodies for
        one operation break clients generated from the schema (openapi-python-client)."""
        media_types = super().map_parsers()
        if "multipart/form-data" in media_types:
            return ["multipart/form-data"]
        return [media_type for media_type in media_types if media_type == "application/json"]

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        responses.setdefault("400", self._error("400", "Malformed input.", _VALIDATION_ERROR))
        responses.setdefault("401", self._error("401", "Not signed in (no valid token)."))
        responses.setdefault("403", self._error("403", "Not allowed by the permission policy."))
        responses.setdefault("404", self._error("404", "Not found, or not visible to you."))
        if self.method not in ("GET", "HEAD", "OPTIONS"):
            responses.setdefault(
                "409", self._error("409", "Refused by a domain rule, or a stale version.")
            )
            responses.setdefault("415", self._error("415", "Unsupported media type."))
        return responses
