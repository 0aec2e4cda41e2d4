"""Settings shared by every environment. Everything that varies comes from the environment."""

import datetime
from pathlib import Path

import dj_database_url

from config.env import env_bool, env_int, env_str
from operations.logging import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("APP_VAR_DIR", str(BASE_DIR / "var")))
# Local state (SQLite, queue folders, private files) lives here; create it on a fresh clone.
for _folder in (
    VAR_DIR / "staticfiles",
    VAR_DIR / "celery" / "queue",
    VAR_DIR / "celery" / "processed",
):
    _folder.mkdir(parents=True, exist_ok=True)

DEBUG = False
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "")  # local and test settings supply their own
ALLOWED_HOSTS: list[str] = []

INSTALLED_APPS = [
    "pages.admin_site.ServiceAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "core",
    "audit",
    "accounts",
    "councils",
    "assessments",
    "reviews",
    "evidence",
    "reports",
    "national",
    "operations",
    "pages",
    "demo",
    "backups",
    "returns",
    "search",
    "fieldwork",
    # the national picture, issue 18
    "grants",
    "hic",
    "winter",
    "riskrating",
    "calibration",
    "actionplans",
]

MIDDLEWARE = [
    "operations.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # An over-size form post gets a 413 page saying so, before the CSRF check reads it.
    "core.failsafe.RequestTooLargeMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Secure by default: every page needs sign-in unless its view is marked public.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
    # Turns a sign-in refused by the lockout (any login view, the admin's included) into the
    # service's own page (accounts.lockout.lockout_response).
    "axes.middleware.AxesMiddleware",
    # A view meeting a lost database answers 503 "try again" (core/failsafe.py).
    "core.failsafe.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pages.context_processors.navigation",
                "returns.context_processors.notifications",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        # A kept connection is checked before each request reuses it, so after a database
        # restart the first request reconnects instead of failing on a dead connection.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The local demo's server and worker write to one SQLite file. IMMEDIATE takes the write
    # lock when a transaction starts, so a writer waits (up to the timeout) instead of failing
    # with "database is locked" when its read lock cannot be upgraded; WAL lets readers go on.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "pages:home"
LOGOUT_REDIRECT_URL = "pages:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("govuk", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
    ("htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
]
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(VAR_DIR / "media")},
    },
    # Attachments and rendered reports: outside every served URL space; only permission-checked
    # views stream them.
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(VAR_DIR / "private"), "base_url": None},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_URL = "/media/"

# Uploads: the limit is configurable because councils send large information returns.
ATTACHMENT_MAX_BYTES = env_int("ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
SERVICE_NAME = "Assess adult social care"

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "no-reply@assess-asc.example")

# ---- Celery --------------------------------------------------------------------------
# With no broker configured, kombu's filesystem transport lets a real worker run on a fresh
# machine with no server; production sets CELERY_BROKER_URL to Redis.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "filesystem://")
_queue_dir = VAR_DIR / "celery" / "queue"
_processed_dir = VAR_DIR / "celery" / "processed"
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "processed_folder": str(_processed_dir),
        # Broadcast (control) messages too, else kombu writes them to ./control in the cwd.
        "control_folder": str(VAR_DIR / "celery" / "control"),
        "store_processed": False,
    }
    if CELERY_BROKER_URL.startswith("filesystem")
    else {
        "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600),
        # How often a worker looks for unacknowledged messages older than the visibility
        # timeout (about interval x throttle seconds); tests lower both to see redelivery.
        "unacked_restore_interval": env_int("CELERY_UNACKED_RESTORE_INTERVAL", 10),
        "unacked_restore_throttle": env_int("CELERY_UNACKED_RESTORE_THROTTLE", 10),
        # A prefix on every Redis key keeps several apps (or test runs) on one Redis database
        # apart: a worker only ever sees messages published under its own prefix.
        "global_keyprefix": env_str("CELERY_REDIS_KEY_PREFIX", ""),
    }
)
CELERY_RESULT_BACKEND = None  # task outcomes live on our own rows (Report, BulkExport)
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
# Rendering is slow and memory hungry: keep it off the default queue so quick tasks
# (emails, imports) are never stuck behind a bulk export.
CELERY_TASK_ROUTES = {
    "reports.tasks.*": {"queue": "reports"},
}
CELERY_TASK_DEFAULT_QUEUE = "default"
# Recycle worker children so WeasyPrint's memory growth is capped.
CELERY_WORKER_MAX_TASKS_PER_CHILD = env_int("CELERY_WORKER_MAX_TASKS_PER_CHILD", 50)
# One task at a time per child: renders are long, prefetching would starve other workers.
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Periodic jobs, run by `celery -A config beat` (started by `make demo` too).
CELERY_BEAT_SCHEDULE = {
    # Document request reminders (two working days before and on the due date), each sent
    # once; running often only catches up sooner after downtime.
    "returns-request-reminders": {
        "task": "returns.tasks.send_due_reminders",
        "schedule": float(env_int("RETURNS_REMINDER_INTERVAL_SECONDS", 900)),
    },
    # Idempotency keys (and files kept for forms never sent again) older than
    # IDEMPOTENCY_KEY_MAX_AGE_DAYS; hourly is plenty.
    "core-purge-idempotency-keys": {
        "task": "core.tasks.purge_idempotency_keys",
        "schedule": float(env_int("IDEMPOTENCY_PURGE_INTERVAL_SECONDS", 3600)),
    },
    # Fieldwork (issue 15): delete case notes and contact details past the retention period;
    # daily is enough (the period is months), and a missed day is caught up the next.
    "fieldwork-retention-purge": {
        "task": "fieldwork.tasks.purge_expired_case_data",
        "schedule": float(env_int("FIELDWORK_PURGE_INTERVAL_SECONDS", 86_400)),
    },
}
IDEMPOTENCY_KEY_MAX_AGE_DAYS = env_int("IDEMPOTENCY_KEY_MAX_AGE_DAYS", 7)
# Council portal (issue 14): default due dates in working days (England and Wales).
RETURN_DUE_WORKING_DAYS = env_int("RETURN_DUE_WORKING_DAYS", 20)
REQUEST_DUE_WORKING_DAYS = env_int("REQUEST_DUE_WORKING_DAYS", 5)
# Fieldwork (issue 15): case notes and contact details are kept this long after publication.
FIELDWORK_RETENTION_MONTHS = env_int("FIELDWORK_RETENTION_MONTHS", 6)

# ---- REST framework ------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # JSON in, JSON out: one request body per operation, so clients generated from the schema
    # work. Views that take files add MultiPartParser themselves (evidence uploads, challenges).
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Assess adult social care API",
    "DESCRIPTION": "Assessments of English councils' adult social care under the Care Act 2014.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}
# The API's own error handling and schema (core/api.py): domain refusals -> 409, never a 500.
REST_FRAMEWORK["EXCEPTION_HANDLER"] = "core.api.exception_handler"
REST_FRAMEWORK["DEFAULT_SCHEMA_CLASS"] = "core.api_schema.ApiSchema"
# No OPTIONS metadata (the OpenAPI schema describes the API): DRF's metadata calls get_object()
# and get_serializer() on views that define neither, which answered OPTIONS with a 500.
# OPTIONS now answers 405. Found by schemathesis 4, which sends OPTIONS to every path.
REST_FRAMEWORK["DEFAULT_METADATA_CLASS"] = None
SPECTACULAR_SETTINGS["SCHEMA_PATH_PREFIX"] = "/api/v1"
# No call to the internet from the docs page (the default validator badge is remote).
SPECTACULAR_SETTINGS["SWAGGER_UI_SETTINGS"] = {"deepLinking": True, "validatorUrl": None}
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"] = {
    "RatingEnum": "assessments.apis.RATING_CHOICES",
    "AssessmentKindEnum": "assessments.models.AssessmentKind",
    "AssessmentStatusEnum": "assessments.models.AssessmentStatus",
    "ChallengeKindEnum": "reviews.models.ChallengeKind",
    "ReportKindEnum": "reports.models.ReportKind",
    "FindingDirectionEnum": "reviews.models.Direction",
    "EvidenceDirectionEnum": "evidence.models.EvidenceDirection",
    "RenderStatusEnum": "reports.models.RenderStatus",
    "ReturnStatusEnum": "returns.models.ReturnStatus",
    "AnswerStatusEnum": "returns.models.AnswerStatus",
    "RequestStatusEnum": "returns.models.RequestStatus",
    "SessionKindEnum": "fieldwork.models.SessionKind",
    "SampleChangeKindEnum": "fieldwork.models.SampleChangeKind",
    # issue 16
    "PanelStatusEnum": "calibration.models.PanelStatus",
    "MembershipEnum": "calibration.models.Membership",
    "ActionStatusEnum": "actionplans.models.ActionStatus",
    "ConfirmationKindEnum": "reviews.models.ConfirmationKind",
    "CorrectionKindEnum": "reports.models.CorrectionKind",
}

# ---- Security common to every environment ---------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # htmx sends the token from hx-headers, never from the cookie
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "operations.views.csrf_failure"  # the service's own 403 page
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; "
    "base-uri 'self'; object-src 'none'"
)

# Sign-in lockout (django-axes): every call to authenticate() goes through its backend, so
# the service's sign-in page and the admin's count failures together, per username (not per
# address: an attacker changing address must not get fresh tries). Admins unlock on
# /accounts/locked/ (accounts.services.user_unlock).
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_LOCKOUT_SECONDS = env_int("LOGIN_LOCKOUT_SECONDS", 15 * 60)
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = datetime.timedelta(seconds=LOGIN_LOCKOUT_SECONDS)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_USERNAME_CALLABLE = "accounts.lockout.lockout_username"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
# Successful sign-ins are not logged by axes: the lockout needs only failures, and a log of
# every sign-in's address and browser is personal data we have no use for.
AXES_DISABLE_ACCESS_LOG = True
# The lockout counts failures for a name; the audit trail records who unlocked it.
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
# axes.W006 warns that a lockout without the address lets an attacker rotate browsers or
# cookies. Here failures are summed over every row of a username whatever its address or
# browser (AxesDatabaseHandler.get_failures), so rotating gives no fresh tries; adding the
# address would instead give each new address five more.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env_str("CACHE_URL", ""),
    }
    if env_str("CACHE_URL", "")
    # Shared by every process on the machine (server workers, commands): cached national
    # figures are invalidated by whichever process changes the data (core.datacache).
    else {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache"),
    }
}

# One line per event with the request id (operations.logging); LOG_JSON=1 writes JSON, as
# production always does.
LOGGING = logging_config(json=env_bool("LOG_JSON", False), level=env_str("LOG_LEVEL", "INFO"))

SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", False)
