"""The Django admin, opened to admins only (decided by the policy module)."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class ServiceAdminSite(admin.AdminSite):
    site_header = "Assess adult social care – administration"
    site_title = "Assess adult social care"

    def has_permission(self, request) -> bool:
        import policy  # imported late: the policy needs the models loaded

        return request.user.is_active and policy.is_admin(request.user)


class ServiceAdminConfig(AdminConfig):
    default_site = "pages.admin_site.ServiceAdminSite"
