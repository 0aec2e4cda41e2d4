"""Every writable slug lookup of the API refuses NUL characters before it queries (core.api):
PostgreSQL cannot hold them in text, and DRF's own SlugRelatedField passes them on (a 500)."""

from django.urls import get_resolver
from rest_framework import serializers

from core import api


def _all_subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _all_subclasses(sub)


def test_writable_slug_fields_are_the_nul_safe_one():
    assert get_resolver().url_patterns  # imports every app's API modules and their serializers
    ours = [
        serializer
        for serializer in _all_subclasses(serializers.BaseSerializer)
        if not serializer.__module__.startswith(("rest_framework", "drf_spectacular"))
    ]
    assert any(s.__module__ == "search.apis" for s in ours)  # the walk reached the apps
    unsafe = [
        f"{serializer.__module__}.{serializer.__qualname__}.{name}"
        for serializer in ours
        for name, field in getattr(serializer, "_declared_fields", {}).items()
        if isinstance(field, serializers.SlugRelatedField)
        and not field.read_only
        and not isinstance(field, api.SlugRelatedField)
    ]
    assert unsafe == []
