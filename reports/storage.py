"""Writing generated files to the private storage so a repeated task replaces, never adds."""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from pathlib import Path
from typing import BinaryIO

from django.core.files.base import ContentFile, File
from django.core.files.storage import storages

# Files are copied in pieces of this size, so storing or reading one never holds it whole.
CHUNK_SIZE = 1024 * 1024


def private_storage():
    return storages["private"]


def generated_name(folder: str, suffix: str) -> str:
    """A fresh, unguessable stored name; the uploaded or display name is never a path."""
    return f"{folder}/{secrets.token_hex(16)}{suffix}"


def put_file(name: str, content: bytes | BinaryIO) -> None:
    """Store `content` under exactly `name`, replacing what is there.

    `content` is bytes, or a binary file that is stored from its start, copied in chunks
    (so a big ZIP is never held in memory). On a filesystem the bytes go to a temporary file
    in the same folder and are moved into place with os.replace, so a reader sees the old
    file or the new one, never half of one, and a task that runs twice leaves one file.
    Other backends overwrite the object.
    """
    storage = private_storage()
    if not isinstance(content, bytes):
        content.seek(0)
    try:
        target = Path(storage.path(name))
    except NotImplementedError:  # object storage: overwrite in place
        if storage.exists(name):
            storage.delete(name)
        saved = storage.save(
            name, ContentFile(content) if isinstance(content, bytes) else File(content)
        )
        if saved != name:
            raise OSError(f"Storage saved {saved!r} instead of {name!r}.") from None
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_path = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=target.suffix)
    try:
        with os.fdopen(fd, "wb") as handle:
            if isinstance(content, bytes):
                handle.write(content)
            else:
                shutil.copyfileobj(content, handle, CHUNK_SIZE)
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
