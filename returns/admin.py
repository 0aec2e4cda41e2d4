"""Admins edit the information return template (a new version is a new ReturnTemplate row;
issued returns keep the version they were issued with)."""

from django.contrib import admin

from returns.models import ReturnTemplate, TemplateItem


class TemplateItemInline(admin.StackedInline):
    model = TemplateItem
    extra = 0
    filter_horizontal = ["statements"]


@admin.register(ReturnTemplate)
class ReturnTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "version", "framework", "is_current", "effective_from"]
    inlines = [TemplateItemInline]
