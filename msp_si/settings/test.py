"""Test settings: fast hashing, documents in a temporary folder, strict templates."""

import tempfile

from .base import *  # noqa: F403
from .base import TEMPLATES, env
from .storage import default_storage

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = env("MEDIA_ROOT", default=tempfile.mkdtemp(prefix="msp-si-media-"))
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# A worker process started by an integration test has no outbox the test can read: it
# writes its e-mails as files into the folder the test gives it.
if env("TEST_EMAIL_FILE_PATH", default=""):
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = env("TEST_EMAIL_FILE_PATH")
STORAGES = {
    # Worker processes started by the object-storage tests receive the bucket by env.
    "default": default_storage(env),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TEMPLATES[0]["OPTIONS"]["string_if_invalid"] = "«INVALID %s»"
AXES_FAILURE_LIMIT = 3
# Rate-limit counters stay in the test process: runs sharing a Redis never share them.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
          "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                    "LOCATION": "pages"}}
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
# Serve static files straight from the finders (npm packages, static/) with no collectstatic.
STATIC_ROOT = tempfile.mkdtemp(prefix="msp-si-static-")
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
