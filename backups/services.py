"""Backup and restore of all data and attached files, as one archive.

The archive (a .tar.gz) holds:
- data.json: every row of the project's apps (and users, groups, tokens) from `dumpdata` with
  natural foreign keys, so it loads into any empty database of the same schema;
- files/<name>: every file in the private storage (attachments, rendered reports);
- manifest.json: row counts per model and the SHA-256 of data.json and of every file, checked on
  restore before anything is written.
"""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
import tempfile
from collections import Counter
from pathlib import Path

from django.apps import apps
from django.core import management
from django.core.files.base import File
from django.core.files.storage import storages
from django.db import transaction

from core import datacache

# Rebuilt by migrate or meaningless in another installation.
EXCLUDED_MODELS = (
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
    "core.idempotencykey",
)
PROJECT_APPS = (
    "accounts",
    "auth",
    "authtoken",
    "audit",
    "councils",
    "assessments",
    "reviews",
    "evidence",
    "reports",
    "national",
)


# Models that moved to another app since an archive may have been made: old label -> new.
# An archive from before a move restores into the new layout (same table, same rows); only
# the label in data.json and the manifest (and natural keys naming the model) change.
MOVED_MODELS = {
    "core.auditevent": "audit.auditevent",
    **{
        f"assessments.{name}": f"reviews.{name}"
        for name in (
            "assessmentsummary",
            "statementfinding",
            "challenge",
            "challengeattachment",
            "deadlineextension",
        )
    },
}


def _relabel(value):
    """Natural keys naming a moved model (content types ["app", "model"], permissions
    [codename, "app", "model"], possibly in lists), rewritten to its new app."""
    if isinstance(value, list):
        if len(value) >= 2 and all(isinstance(item, str) for item in value[-2:]):
            new = MOVED_MODELS.get(f"{value[-2]}.{value[-1]}")
            if new:
                return [*value[:-2], *new.split(".")]
        return [_relabel(item) for item in value]
    return value


class BackupError(Exception):
    """The archive is damaged, or the target database is not empty."""


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _private_files() -> list[str]:
    storage = storages["private"]
    root = Path(storage.location)
    if not root.exists():
        return []
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def _installed(labels) -> list[str]:
    installed = {config.label for config in apps.get_app_configs()}
    return [label for label in labels if label in installed]


def model_counts() -> dict[str, int]:
    """Rows per model of the project's apps (what a backup must carry across)."""
    counts: dict[str, int] = {}
    for label in _installed(PROJECT_APPS):
        for model in apps.get_app_config(label).get_models():
            if model._meta.label_lower in EXCLUDED_MODELS:
                continue
            counts[model._meta.label_lower] = model._default_manager.count()
    return counts


def backup_create(*, archive_path: Path) -> dict:
    """Write every row and private file into `archive_path`; return the manifest."""
    buffer = io.StringIO()
    management.call_command(
        "dumpdata",
        *_installed(PROJECT_APPS),
        exclude=list(EXCLUDED_MODELS),
        natural_foreign=True,
        natural_primary=False,
        indent=None,
        stdout=buffer,
    )
    data = buffer.getvalue().encode()
    storage = storages["private"]
    files = {}
    with tarfile.open(archive_path, "w:gz") as archive:
        _add_bytes(archive, "data.json", data)
        for name in _private_files():
            with storage.open(name, "rb") as handle:
                content = handle.read()
            files[name] = _sha256(content)
            _add_bytes(archive, f"files/{name}", content)
        manifest = {
            "format": 1,
            "data_sha256": _sha256(data),
            "counts": model_counts(),
            "rows": sum(Counter(row["model"] for row in json.loads(data)).values()),
            "files": files,
        }
        _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=2).encode())
    return manifest


def _add_bytes(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    archive.addfile(info, io.BytesIO(content))


def _relabel_moved_models(data: bytes, counts: dict[str, int]) -> tuple[bytes, dict[str, int]]:
    """Rows and counts of models that have moved app since the archive was made, under their
    current labels (MOVED_MODELS); natural keys naming them in relations are relabelled too
    (free text and JSON values are left alone). An archive made since comes back unchanged."""
    rows = json.loads(data)
    if not any(row["model"] in MOVED_MODELS for row in rows) and not set(counts) & set(
        MOVED_MODELS
    ):
        return data, counts
    for row in rows:
        row["model"] = MOVED_MODELS.get(row["model"], row["model"])
        meta = apps.get_model(row["model"])._meta
        for name, value in row["fields"].items():
            if meta.get_field(name).is_relation:
                row["fields"][name] = _relabel(value)
    counts = {MOVED_MODELS.get(label, label): count for label, count in counts.items()}
    return json.dumps(rows).encode(), counts


def backup_restore(*, archive_path: Path) -> dict:
    """Load an archive into an empty database and storage; checksums are verified first.

    Raises BackupError when the archive is damaged or the database already holds assessments,
    evidence or users (a restore never merges into live data).
    """
    with tarfile.open(archive_path, "r:gz") as archive:
        members = {member.name: member for member in archive.getmembers() if member.isfile()}
        if "manifest.json" not in members or "data.json" not in members:
            raise BackupError(
                "This is not a backup archive: manifest.json or data.json is missing."
            )
        manifest = json.loads(archive.extractfile(members["manifest.json"]).read())
        data = archive.extractfile(members["data.json"]).read()
        if _sha256(data) != manifest["data_sha256"]:
            raise BackupError("data.json does not match its checksum: the archive is damaged.")
        contents = {}
        for name, digest in manifest["files"].items():
            member = members.get(f"files/{name}")
            if member is None or Path(name).is_absolute() or ".." in Path(name).parts:
                raise BackupError(f"File {name!r} is missing from the archive or unsafe.")
            content = archive.extractfile(member).read()
            if _sha256(content) != digest:
                raise BackupError(f"File {name!r} does not match its checksum.")
            contents[name] = content

    data, manifest["counts"] = _relabel_moved_models(data, manifest["counts"])
    user_model = apps.get_model("accounts", "User")
    if user_model.objects.exists() or apps.get_model("assessments", "Assessment").objects.exists():
        raise BackupError("The database is not empty: restore only into a freshly migrated one.")

    with transaction.atomic():
        # Data migrations load councils and the framework; the backup carries them (with the
        # same keys), so clear the reference rows first and load the archive as the truth.
        for label in (
            "assessments.statementcategory",
            "assessments.qualitystatement",
            "assessments.evidencecategory",
            "assessments.theme",
            "assessments.framework",
            "councils.council",
        ):
            apps.get_model(label)._default_manager.all().delete()
        with tempfile.NamedTemporaryFile(suffix=".json") as handle:
            handle.write(data)
            handle.flush()
            management.call_command("loaddata", handle.name, verbosity=0)
        storage = storages["private"]
        for name, content in contents.items():
            if storage.exists(name):
                storage.delete(name)
            storage.save(name, File(io.BytesIO(content), name=name))
        # Cached national figures were derived from whatever the database held before.
        datacache.data_changed(*datacache.ALL_DATA_SETS)
    counts = model_counts()
    if counts != manifest["counts"]:
        mismatched = {
            label: (manifest["counts"].get(label), counts.get(label))
            for label in set(counts) | set(manifest["counts"])
            if counts.get(label) != manifest["counts"].get(label)
        }
        raise BackupError(f"Row counts differ after restore: {mismatched}")
    return manifest
