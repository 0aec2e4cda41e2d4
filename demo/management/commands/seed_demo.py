"""Load the demo data set: users for every role, the real published results and demo work in
progress (labelled demo data on every page)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.models import User
from assessments.reference_results import reference_results_load
from core import datacache
from demo.seed import assessments as assessment_demo
from demo.seed import base as demo
from demo.seed import reviews as demo_review
from demo.seed.calibration import seed_early_confirmation
from demo.seed.evidence import seed_evidence
from demo.seed.fieldwork import seed_fieldwork
from demo.seed.national import seed_national
from demo.seed.picture import seed_picture
from demo.seed.published import seed_published
from demo.seed.returns import seed_returns
from search import services as search_services


class Command(BaseCommand):
    help = "Load demo users and assessments (refuses to run on a database that has users)."

    def handle(self, *args, **options):
        if User.objects.exists():
            self.stdout.write("Demo data already loaded; skipping.")
            return
        try:
            with transaction.atomic():
                users = demo.seed_users()
                # The real published results (no result is made up for any council).
                reference_results_load(actor=users["admin"])
                suffolk_formal = demo_review.seed_review(users)
                birmingham_formal = assessment_demo.seed_assessment_in_scoring(users)
                seed_evidence(users, [suffolk_formal, birmingham_formal])
                seed_national(actor=users["admin"])
                lincolnshire = seed_returns(users, demo.DEMO_PASSWORD)
                seed_fieldwork(users, lincolnshire)
                seed_picture()  # issue 18: grants, High Impact Changes, winter (synthetic)
                seed_early_confirmation(suffolk_formal, users)
                # issue 16: a published demo assessment, its correction v2 and action plan.
                seed_published(users)
                # Demo seeding writes some rows directly, not through the services.
                datacache.data_changed(*datacache.ALL_DATA_SETS)
                # Bulk-created rows sent no save signals: build the search index once.
                search_services.reindex_all()
        except Exception as exc:  # report any failure plainly; nothing half-loaded stays
            raise CommandError(f"Demo data could not be loaded: {exc}") from exc
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Sign in with:"))
        for user in User.objects.order_by("pk"):
            roles = ", ".join(sorted(user.roles)) or "no role"
            self.stdout.write(f"  {user.username:<16} {demo.DEMO_PASSWORD}   ({roles})")
