"""Framework admin: admins edit statement texts; each framework version is its own data."""

from django.contrib import admin

from assessments.models import (
    EvidenceCategory,
    Framework,
    QualityStatement,
    StatementCategory,
    Theme,
)


class ThemeInline(admin.TabularInline):
    model = Theme
    extra = 0


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "version", "effective_from", "is_current"]
    inlines = [ThemeInline]


class StatementCategoryInline(admin.TabularInline):
    model = StatementCategory
    extra = 0


@admin.register(QualityStatement)
class QualityStatementAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "theme", "framework"]
    list_filter = ["framework", "theme"]
    search_fields = ["name", "we_statement"]
    inlines = [StatementCategoryInline]


@admin.register(EvidenceCategory)
class EvidenceCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "order", "in_use", "framework"]
    list_filter = ["framework", "in_use"]
