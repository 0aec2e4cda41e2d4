"""backup_data and restore_data round-trip a demo data set: counts and checksums match."""

import hashlib
import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import CommandError, call_command
from django.db import connection

from accounts.models import User
from assessments.models import Assessment
from assessments.reference_results import REFERENCE_FILES, reference_results_load
from audit.models import AuditEvent
from backups.services import model_counts
from councils.models import Council
from demo.seed import base as demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_storage():
    storage = storages["private"]
    yield storage
    for name in list(_all_files(storage)):
        storage.delete(name)


def _all_files(storage):
    from pathlib import Path

    root = Path(storage.location)
    return (
        [str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()] if root.exists() else []
    )


def test_backup_then_restore_into_an_empty_database_round_trips(tmp_path, private_storage):
    users = demo.seed_users()
    reference_results_load(actor=users["admin"])  # the real published results
    stored = private_storage.save("attachments/demo.pdf", ContentFile(b"%PDF-1.7 demo file"))
    before_counts = model_counts()
    before_digest = hashlib.sha256(private_storage.open(stored).read()).hexdigest()
    archive = tmp_path / "backup.tar.gz"

    out = io.StringIO()
    call_command("backup_data", str(archive), stdout=out)
    assert "Backed up" in out.getvalue()

    _empty_the_database()
    private_storage.delete(stored)
    assert not User.objects.exists() and not Council.objects.exists()

    out = io.StringIO()
    call_command("restore_data", str(archive), stdout=out)
    assert "row counts and file checksums match" in out.getvalue()
    assert model_counts() == before_counts
    assert Council.objects.count() == 153
    loaded = sum(1 for path in REFERENCE_FILES for _ in path.open()) - len(REFERENCE_FILES)
    assert Assessment.objects.count() == loaded
    assert AuditEvent.objects.filter(action="assessment.import").count() == loaded
    assert User.objects.get(username="council.lead").council_ids
    assert hashlib.sha256(private_storage.open(stored).read()).hexdigest() == before_digest


def _empty_the_database():
    """flush inside the test's transaction (rolled back afterwards). PostgreSQL refuses to
    TRUNCATE with deferred foreign-key checks pending, so run them first."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def test_restore_refuses_a_database_that_is_not_empty(tmp_path, private_storage):
    demo.seed_users()
    archive = tmp_path / "backup.tar.gz"
    call_command("backup_data", str(archive), stdout=io.StringIO())
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore_data", str(archive))


def test_restore_refuses_a_damaged_archive(tmp_path):
    archive = tmp_path / "not-a-backup.tar.gz"
    import tarfile

    with tarfile.open(archive, "w:gz") as handle:
        info = tarfile.TarInfo("data.json")
        info.size = 2
        handle.addfile(info, io.BytesIO(b"[]"))
    with pytest.raises(CommandError, match="not a backup archive"):
        call_command("restore_data", str(archive))


def test_an_archive_made_before_reviews_moved_app_still_restores(tmp_path, private_storage):
    """Archives made before findings and challenges left `assessments` name them
    `assessments.challenge` etc. (rows and content-type natural keys); they restore into the
    `reviews` models with their audit trail pointing at the right objects."""
    import json
    import tarfile

    from audit.actions import AuditAction
    from audit.services import audit_record
    from reviews.models import AssessmentSummary, Challenge, ChallengeAttachment
    from tests.factories import ChallengeFactory, write_summary

    users = demo.seed_users()
    reference_results_load(actor=users["admin"])
    assessment = Assessment.objects.order_by("pk").first()
    lead = users["admin"]
    challenge = ChallengeFactory(assessment=assessment, raised_by=lead)
    stored = private_storage.save("challenges/old.pdf", ContentFile(b"%PDF-1.7 old archive"))
    ChallengeAttachment.objects.create(
        challenge=challenge, original_name="old.pdf", stored_name=stored,
        content_type="application/pdf", size=20, sha256="0" * 64, uploaded_by=lead,
    )  # fmt: skip
    write_summary(assessment)
    audit_record(
        actor=lead, action=AuditAction.CHALLENGE_RAISE, target=challenge, assessment=assessment
    )
    before_counts = model_counts()
    archive = tmp_path / "backup.tar.gz"
    call_command("backup_data", str(archive), stdout=io.StringIO())

    # Rewrite it as the code before the move wrote it: old model labels and natural keys.
    with tarfile.open(archive, "r:gz") as handle:
        manifest = json.loads(handle.extractfile("manifest.json").read())
        rows = json.loads(handle.extractfile("data.json").read())
        files = {name: handle.extractfile(f"files/{name}").read() for name in manifest["files"]}
    moved = [label for label in before_counts if label.startswith("reviews.")]
    assert {"reviews.challenge", "reviews.challengeattachment"} <= set(moved)
    # Only the models that moved (models added to reviews later, e.g. issue 16's, were never
    # in assessments); and the audit trail still in core, as before it moved too.
    from backups.services import MOVED_MODELS

    old_label = {new: old for old, new in MOVED_MODELS.items() if new.startswith("reviews.")}
    for row in rows:
        row["model"] = old_label.get(row["model"], row["model"])
        row["model"] = row["model"].replace("audit.auditevent", "core.auditevent")
        if row["model"] == "core.auditevent" and row["fields"]["target_type"][0] == "reviews":
            row["fields"]["target_type"][0] = "assessments"
    assert any(row["model"] == "assessments.challenge" for row in rows)
    data = json.dumps(rows).encode()
    manifest["data_sha256"] = hashlib.sha256(data).hexdigest()
    manifest["counts"] = {
        old_label.get(label, label).replace("audit.", "core."): count
        for label, count in manifest["counts"].items()
    }
    old = tmp_path / "old-backup.tar.gz"
    with tarfile.open(old, "w:gz") as handle:
        for name, content in [
            ("data.json", data),
            ("manifest.json", json.dumps(manifest).encode()),
            *[(f"files/{name}", content) for name, content in files.items()],
        ]:
            info = tarfile.TarInfo(name)
            info.size = len(content)
            handle.addfile(info, io.BytesIO(content))

    _empty_the_database()
    private_storage.delete(stored)
    call_command("restore_data", str(old), stdout=io.StringIO())
    assert model_counts() == before_counts
    restored = Challenge.objects.get()
    assert restored.attachments.get().original_name == "old.pdf"
    assert AssessmentSummary.objects.get().assessment.council == assessment.council
    event = AuditEvent.objects.get(action="challenge.raise")
    assert event.target_type.app_label == "reviews"
    assert event.target_type.get_object_for_this_type(pk=event.target_id) == restored


def _as_made_before_the_audit_app(archive, old_archive):
    """The same archive as backup_data wrote it while the audit trail lived in core: rows
    labelled core.auditevent, the manifest's counts and checksum to match."""
    import json
    import tarfile

    with tarfile.open(archive, "r:gz") as source:
        members = {m.name: source.extractfile(m).read() for m in source.getmembers() if m.isfile()}
    rows = json.loads(members["data.json"])
    for row in rows:
        if row["model"] == "audit.auditevent":
            row["model"] = "core.auditevent"
    data = json.dumps(rows).encode()
    manifest = json.loads(members["manifest.json"])
    manifest["counts"]["core.auditevent"] = manifest["counts"].pop("audit.auditevent")
    manifest["data_sha256"] = hashlib.sha256(data).hexdigest()
    members["data.json"] = data
    members["manifest.json"] = json.dumps(manifest).encode()
    with tarfile.open(old_archive, "w:gz") as target:
        for name, content in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            target.addfile(info, io.BytesIO(content))


def test_an_archive_made_before_the_audit_trail_moved_app_restores(tmp_path, private_storage):
    users = demo.seed_users()
    reference_results_load(actor=users["admin"])
    before_counts = model_counts()
    archive, old_archive = tmp_path / "backup.tar.gz", tmp_path / "old.tar.gz"
    call_command("backup_data", str(archive), stdout=io.StringIO())
    _as_made_before_the_audit_app(archive, old_archive)

    _empty_the_database()
    out = io.StringIO()
    call_command("restore_data", str(old_archive), stdout=out)
    assert "row counts and file checksums match" in out.getvalue()
    assert model_counts() == before_counts
    loaded = sum(1 for path in REFERENCE_FILES for _ in path.open()) - len(REFERENCE_FILES)
    assert AuditEvent.objects.filter(action="assessment.import").count() == loaded
