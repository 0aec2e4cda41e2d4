"""Print the demo users and their password: `make demo` prints them last, once the server
answers, so they are the last thing on the screen."""

from django.core.management.base import BaseCommand

from accounts.models import User
from demo.seed import base as demo


class Command(BaseCommand):
    help = "List the users of the demo data set with the demo password."

    def handle(self, *args, **options):
        users = User.objects.order_by("pk")
        if not users.exists():
            self.stdout.write("No users yet: run `manage.py seed_demo` first.")
            return
        self.stdout.write(f"Sign in with one of these users (password {demo.DEMO_PASSWORD}):")
        for user in users:
            roles = ", ".join(sorted(user.roles)) or "no role"
            self.stdout.write(f"  {user.username:<16} {roles}")
