"""Where uploaded and generated files live: the local disk, or an S3-compatible store.

With ``OBJECT_STORAGE_BUCKET`` unset, files go to ``MEDIA_ROOT`` (the embedded default of
``make run``). Set, every web and worker process reads and writes the same bucket, so a
deployment can run several hosts: documents are private objects, served only through the
guarded download views (no public URL, no ACL granting reads).
"""

from __future__ import annotations

from typing import Any

FILESYSTEM = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
S3_BACKEND = "storages.backends.s3.S3Storage"


def s3_options(*, bucket: str, endpoint_url: str, access_key: str, secret_key: str,
               region: str, location: str = "") -> dict[str, Any]:
    """django-storages options for a private bucket on any S3-compatible service."""
    return {
        "bucket_name": bucket,
        "endpoint_url": endpoint_url or None,
        "access_key": access_key or None,
        "secret_key": secret_key or None,
        "region_name": region or None,
        "location": location,
        # No ACL header: the bucket's own policy (private) applies; never public-read.
        "default_acl": None,
        "querystring_auth": True,
        "querystring_expire": 300,
        # Two versions never share a key: an existing name gets a suffix, never overwritten.
        "file_overwrite": False,
        # Path-style addressing works with every provider (OVH, Scaleway, SeaweedFS, MinIO).
        "addressing_style": "path",
        "signature_version": "s3v4",
    }


def default_storage(env: Any) -> dict[str, Any]:
    """The ``STORAGES["default"]`` entry the environment asks for."""
    bucket = env("OBJECT_STORAGE_BUCKET", default="")
    if not bucket:
        return dict(FILESYSTEM)
    return {"BACKEND": S3_BACKEND, "OPTIONS": s3_options(
        bucket=bucket,
        endpoint_url=env("OBJECT_STORAGE_ENDPOINT_URL", default=""),
        access_key=env("OBJECT_STORAGE_ACCESS_KEY", default=""),
        secret_key=env("OBJECT_STORAGE_SECRET_KEY", default=""),
        region=env("OBJECT_STORAGE_REGION", default=""),
        location=env("OBJECT_STORAGE_PREFIX", default=""),
    )}
