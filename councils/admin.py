from django.contrib import admin

from councils.models import Council, CouncilMembership


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = ["name", "gss_code", "council_type", "region_name"]
    list_filter = ["council_type", "region_name"]
    search_fields = ["name", "gss_code"]


@admin.register(CouncilMembership)
class CouncilMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "council", "created_at"]
    autocomplete_fields = ["council"]
    search_fields = ["user__username", "council__name"]
