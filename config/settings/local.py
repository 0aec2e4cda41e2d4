"""Local demo settings: SQLite under var/, filesystem broker, console email. Never production."""

from config.env import env_bool, env_list, env_str

from .base import *  # noqa: F403

# DJANGO_DEBUG=0 runs the demo as production would serve it (used by the load test).
DEBUG = env_bool("DJANGO_DEBUG", True)
# A fixed key is acceptable only here: local data is demo data on the developer's machine.
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "local-demo-key-not-for-production-use-0123456789")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
