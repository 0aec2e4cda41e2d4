"""Storing generated files: from bytes or from a file, always replacing the one stored name."""

import io
from pathlib import Path

import pytest

from reports import storage

# A private storage of its own, so the folders a test inspects hold only its files.
pytestmark = pytest.mark.usefixtures("private_root")


def test_put_file_stores_a_file_from_its_start_in_chunks_and_replaces_the_old_one():
    name = storage.generated_name("exports", ".zip")
    storage.put_file(name, b"old")
    content = bytes(range(256)) * (storage.CHUNK_SIZE // 128 + 3)  # several chunks
    source = io.BytesIO(content)
    source.seek(0, io.SEEK_END)  # as a writer leaves it: stored from the start all the same

    storage.put_file(name, source)

    with storage.open_file(name) as handle:
        assert handle.read() == content
    folder = Path(storage.private_storage().path(name)).parent
    assert [path.name for path in folder.iterdir()] == [Path(name).name]  # no temporary left
