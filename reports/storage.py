"""Writing generated files to the private storage so a repeated task replaces, never adds."""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import storages


def private_storage():
    return storages["private"]


def generated_name(folder: str, suffix: str) -> str:
    """A fresh, unguessable stored name; the uploaded or display name is never a path."""
    return f"{folder}/{secrets.token_hex(16)}{suffix}"


def put_file(name: str, content: bytes) -> None:
    """Store `content` under exactly `name`, replacing what is there.

    On a filesystem the bytes go to a temporary file in the same folder and are moved into
    place with os.replace, so a reader sees the old file or the new one, never half of one,
    and a task that runs twice leaves one file. Other backends overwrite the object.
    """
    storage = private_storage()
    try:
        target = Path(storage.path(name))
    except NotImplementedError:  # object storage: overwrite in place
        if storage.exists(name):
            storage.delete(name)
        saved = storage.save(name, ContentFile(content))
        if saved != name:
            raise OSError(f"Storage saved {saved!r} instead of {name!r}.") from None
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_path = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=target.suffix)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_path, target)
    except BaseException:
        Path(temp_path).unlink(missing_ok=True)
        raise


def open_file(name: str):
    return private_storage().open(name, "rb")


def file_exists(name: str) -> bool:
    return bool(name) and private_storage().exists(name)
