from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from accounts.models import User
from councils.models import CouncilMembership


class CouncilMembershipInline(admin.TabularInline):
    model = CouncilMembership
    extra = 0
    autocomplete_fields = ["council"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (*DjangoUserAdmin.fieldsets, ("Service", {"fields": ("full_name",)}))
    list_display = ["username", "full_name", "email", "is_staff", "is_active"]
    inlines = [CouncilMembershipInline]
