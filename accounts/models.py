"""The custom user model. Roles are groups; council membership lives in councils."""

from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models

from accounts.roles import GROUP_NAMES, Role


class User(AbstractUser):
    """A person who signs in: an assessor, a council lead or an admin (or none, yet)."""

    full_name = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["username"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username

    @cached_property
    def roles(self) -> frozenset[str]:
        """The roles this user holds, read once per request from the user's groups."""
        names = set(self.groups.values_list("name", flat=True))
        held = {role for role, group in GROUP_NAMES.items() if group in names}
        if self.is_superuser:
            held.add(Role.ADMIN)
        return frozenset(held)

    def has_role(self, role: Role) -> bool:
        return role in self.roles

    @property
    def is_assessor(self) -> bool:
        return Role.ASSESSOR in self.roles

    @property
    def is_council_lead(self) -> bool:
        return Role.COUNCIL_LEAD in self.roles

    @property
    def is_admin_user(self) -> bool:
        return Role.ADMIN in self.roles

    @cached_property
    def council_ids(self) -> frozenset[int]:
        """Councils this user leads for (empty unless a council lead)."""
        return frozenset(self.council_memberships.values_list("council_id", flat=True))
