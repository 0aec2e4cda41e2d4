"""The index follows the objects: saved, changed, withdrawn, deleted, a file's text read by
the worker, a statement linked; once per object per transaction, after it commits."""

import pytest
from django.db import transaction

from evidence.models import EvidenceItem
from search.models import SearchDocument
from search.selectors import search
from tests.factories import EvidenceItemFactory
from tests.search.conftest import attach

pytestmark = pytest.mark.django_db


def test_a_saved_item_is_indexed_when_its_transaction_commits(
    suffolk_case, lead_assessor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        item = EvidenceItemFactory(assessment=suffolk_case, title="Hospital discharge audit")
        attach(item, "discharge.pdf", text="Seven-day discharge to assess was in place.")
    # Item, its statements and its file and preview: one reindex of the item, not four.
    assert len(callbacks) == 1
    assert search(lead_assessor, "seven-day").hits[0].document.object_id == item.pk

    with django_capture_on_commit_callbacks(execute=True):
        item.title = "Hospital discharge follow-up"
        item.save()
    assert search(lead_assessor, "follow-up").total == 1

    with django_capture_on_commit_callbacks(execute=True):
        item.attachments.all().delete()
        EvidenceItem.objects.get(pk=item.pk).delete()
    assert not SearchDocument.objects.filter(kind="evidence", object_id=item.pk).exists()


def test_a_rolled_back_change_never_reaches_the_index(
    suffolk_case, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                EvidenceItemFactory(assessment=suffolk_case, title="Never saved")
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
    assert callbacks == []
    assert not SearchDocument.objects.filter(title="Never saved").exists()


def test_reindex_command_rebuilds_and_drops_what_is_gone(suffolk_case, reindex):
    from django.core.management import call_command

    reindex()
    SearchDocument.objects.create(
        kind="evidence", object_id=999999, council=suffolk_case.council, title="Stale", url="/"
    )
    call_command("reindex_search", "evidence")
    assert not SearchDocument.objects.filter(title="Stale").exists()
    assert SearchDocument.objects.filter(kind="evidence").count() == 3
