"""Settings shared by every environment, read from environment variables.

Defaults give a working local run with no service at all: SQLite, and documents built
in-process. ``DATABASE_URL`` switches to PostgreSQL, ``REDIS_URL`` to a real Celery worker.
"""

from pathlib import Path
from typing import Any

import environ
from celery.schedules import crontab

from .logs import CONSOLE, logging_config, sentry_init, structlog_configure
from .storage import default_storage

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("DJANGO_SECRET_KEY", default="dev-only-insecure-key-change-me")
DEBUG = env.bool("DJANGO_DEBUG", default=True)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "guardian",
    "axes",
    "django_ratelimit",
    "csp",
    "django_htmx",
    "simple_history",
    "msp_si.accounts",
    "msp_si.common",
    "projects",
    "requirements",
    "vendors",
    "acceptance",
    "django_structlog",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Binds request_id, user_id and ip to every log line of the request.
    "django_structlog.middlewares.RequestMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that a locked-out attempt is answered before any view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "msp_si.urls"
WSGI_APPLICATION = "msp_si.wsgi.application"

TEMPLATES: list[dict[str, Any]] = [
    {
        "BACKEND": "msp_si.common.templates.FrenchDjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "projects.context_processors.project_access",
            ],
            # French dates and typography filters in every template (jour, jour_heure…).
            "builtins": ["msp_si.common.templatetags.french"],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses locked-out credentials before any other backend is tried.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "projects:project-list"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-guardian: no anonymous user object; only object permissions count (no global ones).
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False
GUARDIAN_AUTO_PREFETCH = False

# django-axes: a whole MSP shares one public address, so lock on account *and* address.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.25  # hours: a finite cool-off, never a permanent lock
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
# Django's French formats with the narrow no-break space between thousands.
FORMAT_MODULE_PATH = ["msp_si.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT: Path | str = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Pinned front-end packages installed from the npm registry (package-lock.json).
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    ("vendor/pico", BASE_DIR / "node_modules" / "@picocss" / "pico" / "css"),
]
STORAGES = {
    # The local disk, or an S3-compatible bucket when OBJECT_STORAGE_BUCKET is set.
    "default": default_storage(env),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
MEDIA_URL = "/media/"  # never served directly: documents go through a guarded view

# Content Security Policy (django-csp 4): nothing from outside, no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

EMAIL_BACKEND = env(
    "EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="MSP SI <ne-pas-repondre@msp-si.invalid>")

# Celery: with no REDIS_URL the same task code runs in-process (eagerly, after commit).
REDIS_URL = env("REDIS_URL", default="")
CELERY_BROKER_URL = REDIS_URL or "memory://"

# The cache holds the rate-limit counters of the public links (django-ratelimit): in Redis
# when configured, so that every web process counts together; otherwise in the process
# (the local run is a single one).
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": REDIS_URL, "KEY_PREFIX": "msp-si"},
              "pages": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                        "LOCATION": REDIS_URL, "KEY_PREFIX": "msp-si-pages"}}
    # Django's own Redis backend increments atomically; django-ratelimit's list predates it.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
              "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                        "LOCATION": "pages", "OPTIONS": {"MAX_ENTRIES": 200}}}
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
# Rendered project pages, kept per person and session until the project's data changes
# (``projects.pagecache``); False turns the cache off.
PAGE_CACHE = env.bool("PAGE_CACHE", default=True)
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_TASK_TIME_LIMIT = 300
# WeasyPrint does not give memory back: recycle a worker child past ~400 MB.
CELERY_WORKER_MAX_MEMORY_PER_CHILD = 400_000
# An unacknowledged task comes back after this long; the sweeper acts well before that.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
# E-mail reminders go once a day at REMINDERS_HOUR (Paris time); REMINDERS_EVERY_SECONDS
# replaces the daily time with a short period (the integration test's beat uses it). A
# second tick the same day sends nothing again (projects.reminders.services).
CELERY_TIMEZONE = "Europe/Paris"
REMINDERS_EVERY_SECONDS = env.float("REMINDERS_EVERY_SECONDS", default=0.0)
REMINDERS_HOUR = env.int("REMINDERS_HOUR", default=7)
CELERY_BEAT_SCHEDULE = {
    "document-jobs-sweep": {"task": "projects.tasks.document_jobs_sweep", "schedule": 60.0},
    "reminders-send": {"task": "projects.tasks.reminders_send",
                       "schedule": REMINDERS_EVERY_SECONDS or crontab(hour=REMINDERS_HOUR,
                                                                       minute=0)},
}

# Document jobs: a running job whose claim is older than this is taken to be orphaned
# (its worker died) and is put back in the queue. Must exceed CELERY_TASK_TIME_LIMIT.
DOCUMENT_JOB_STALE_SECONDS = env.int("DOCUMENT_JOB_STALE_SECONDS", default=360)
# Crash-recovery tests widen the window in which a job is "running" with this pause.
DOCUMENT_RENDER_PAUSE_SECONDS = env.float("DOCUMENT_RENDER_PAUSE_SECONDS", default=0.0)

INVITATION_VALID_DAYS = 14

# Reminders: how many days before a deadline the first one goes; how long the « ne plus
# recevoir » link of an e-mail works; the address of the site in the e-mails' links.
REMINDER_LEAD_DAYS = env.int("REMINDER_LEAD_DAYS", default=3)
REMINDER_STOP_LINK_DAYS = 60
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# Structured logs (django-structlog): JSON lines in production, readable text otherwise.
LOG_LEVEL = env("LOG_LEVEL", default="INFO")
LOG_FORMAT = env("LOG_FORMAT", default=CONSOLE)
LOGGING = logging_config(level=LOG_LEVEL, output=LOG_FORMAT)
structlog_configure()
# The request id of the page that queued a task follows it into the worker's logs.
DJANGO_STRUCTLOG_CELERY_ENABLED = True

# The detail of /sante/ (services and their errors) is shown only to this token.
HEALTH_TOKEN = env("HEALTH_TOKEN", default="")

# Errors to Sentry only when a DSN is given (none by default: nothing leaves the host).
SENTRY_DSN = env("SENTRY_DSN", default="")
if SENTRY_DSN:
    sentry_init(dsn=SENTRY_DSN, environment=env("SENTRY_ENVIRONMENT", default="production"),
                traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0))

# In development, WhiteNoise serves files straight from the finders (no collectstatic).
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
