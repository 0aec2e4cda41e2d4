"""Settings shared by every environment. Everything that varies comes from the environment."""

from pathlib import Path

import dj_database_url

from config.env import env_bool, env_int, env_str

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
    "core.admin_site.ServiceAdminConfig",
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
    "core",
    "accounts",
    "councils",
    "assessments",
    "evidence",
    "reports",
    "national",
    "returns",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Secure by default: every page needs sign-in unless its view is marked public.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
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
                "core.context_processors.navigation",
                "returns.context_processors.notifications",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
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
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"
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
}
# Council portal (issue 14): default due dates in working days (England and Wales).
RETURN_DUE_WORKING_DAYS = env_int("RETURN_DUE_WORKING_DAYS", 20)
REQUEST_DUE_WORKING_DAYS = env_int("REQUEST_DUE_WORKING_DAYS", 5)

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
SPECTACULAR_SETTINGS["SCHEMA_PATH_PREFIX"] = "/api/v1"
# No call to the internet from the docs page (the default validator badge is remote).
SPECTACULAR_SETTINGS["SWAGGER_UI_SETTINGS"] = {"deepLinking": True, "validatorUrl": None}
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"] = {
    "RatingEnum": "assessments.apis.RATING_CHOICES",
    "AssessmentKindEnum": "assessments.models.AssessmentKind",
    "AssessmentStatusEnum": "assessments.models.AssessmentStatus",
    "ChallengeKindEnum": "assessments.models.ChallengeKind",
    "ReportKindEnum": "reports.models.ReportKind",
    "FindingDirectionEnum": "assessments.models.Direction",
    "EvidenceDirectionEnum": "evidence.models.EvidenceDirection",
    "RenderStatusEnum": "reports.models.RenderStatus",
    "ReturnStatusEnum": "returns.models.ReturnStatus",
    "AnswerStatusEnum": "returns.models.AnswerStatus",
    "RequestStatusEnum": "returns.models.RequestStatus",
}

# ---- Security common to every environment ---------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # htmx sends the token from hx-headers, never from the cookie
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; "
    "base-uri 'self'; object-src 'none'"
)

# Login throttling: lock an account name after repeated failures within a window.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_LOCKOUT_SECONDS = env_int("LOGIN_LOCKOUT_SECONDS", 15 * 60)

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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", False)
