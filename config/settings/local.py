"""Local demo settings: SQLite under var/, filesystem broker, emails written to files under
var/emails/. Never production, but served as production serves it: DEBUG is off unless
DJANGO_DEBUG=1, so people see the service's own error pages."""

from config.env import env_bool, env_int, env_list, env_str

from .base import *  # noqa: F403
from .base import LOGGING, STORAGES, VAR_DIR

DEBUG = env_bool("DJANGO_DEBUG", False)
# A fixed key is acceptable only here: local data is demo data on the developer's machine.
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "local-demo-key-not-for-production-use-0123456789")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])

# The port `make demo` serves on (PORT, default 8000): links in emails point at it.
PORT = env_int("PORT", 8000)
SITE_URL = env_str("SITE_URL", f"http://127.0.0.1:{PORT}")

# Demo emails (hundreds while the demo data loads) go to one file per message in var/emails/,
# not over the console where they would bury the demo users.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "emails"))

# Static files with DEBUG off, with no collectstatic step: WhiteNoise serves them from the
# source folders (Django's finders, read at start-up), under plain names.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# kombu's filesystem transport warns on every connection that it has no host name.
LOGGING["loggers"]["kombu.connection"] = {"level": "ERROR"}
