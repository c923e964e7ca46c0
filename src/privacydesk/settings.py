"""The one settings module, configured from the environment.

Development is the default so that `make run` works with nothing set. Production is switched on by
``PRIVACYDESK_PRODUCTION=1`` and then refuses to start without a secret key and allowed hosts from
the environment; it is what ``manage.py check --deploy`` is run against in CI.

Environment variables:
  DATABASE_URL                 sqlite:///path or postgres://user@host:port/db (default: SQLite in var/)
  PRIVACYDESK_PRODUCTION       1 for production hardening (HTTPS-only cookies, HSTS, no debug)
  PRIVACYDESK_SECRET_KEY       required in production
  PRIVACYDESK_SECRET_KEY_FALLBACKS  earlier keys during a rotation (space-separated)
  PRIVACYDESK_ALLOWED_HOSTS    comma-separated host names (production)
  PRIVACYDESK_VAR_DIR          where the SQLite file and other state live (default: ./var)
  PRIVACYDESK_EMAIL_URL        outgoing mail, e.g. smtp://user:password@mail.example.com:587/?tls=True
                               (default: development writes each message to var/outbox/; production
                               hands mail to an MTA on localhost:25)
  PRIVACYDESK_FROM_EMAIL       the From address of mail to individuals (default privacy@localhost)
  PRIVACYDESK_BASE_URL         the public address links in emails point to (default http://127.0.0.1:8000)
  PRIVACYDESK_PORTAL_SUBMISSIONS_PER_HOUR   requests one address may submit through the portal an hour (10)
  PRIVACYDESK_SMS_BACKEND      how verification codes are texted: console (default; writes to stderr)
  PRIVACYDESK_UPLOAD_KEY       Fernet key that encrypts identity documents at rest (required for uploads in
                               production; development keeps one in var/upload-key)
  PRIVACYDESK_CONNECTOR_KEY    Fernet key that encrypts connected systems' addresses and passwords at rest
                               (development: var/connector-key)
  PRIVACYDESK_ERASURE_KEY      key of the HMAC that replaces erased values in connected systems
                               (development: var/erasure-key)
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
import dj_email_url
from django.core.exceptions import ImproperlyConfigured


def _env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


PACKAGE_DIR = Path(__file__).resolve().parent
# The checkout root when installed editable (src/privacydesk/..); var/ lives there by default.
BASE_DIR = PACKAGE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("PRIVACYDESK_VAR_DIR", BASE_DIR / "var"))

PRODUCTION = _env_flag("PRIVACYDESK_PRODUCTION")
DEBUG = not PRODUCTION and _env_flag("PRIVACYDESK_DEBUG", default=True)


def _secret_key() -> str:
    key = os.environ.get("PRIVACYDESK_SECRET_KEY")
    if key:
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("PRIVACYDESK_SECRET_KEY must be set in production.")
    # Development: a random key kept beside the SQLite database so sessions survive a restart.
    # It never enters the repository (var/ is ignored) and production never reads it.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / "dev-secret-key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
# Earlier keys, newest first, while a rotation settles (space-separated). Signed links keep working,
# and the suppression list's keyed hashes made with an earlier key still match.
SECRET_KEY_FALLBACKS = os.environ.get("PRIVACYDESK_SECRET_KEY_FALLBACKS", "").split()
# The key of the suppression list's hashes (people who asked to be erased or to hear nothing more).
# Set it once and never change it: the hashes cannot be recomputed, so a new key would let those
# people back into mailings. Unset, the secret key is used (and its fallbacks are tried).
PRIVACYDESK_SUPPRESSION_KEY = os.environ.get("PRIVACYDESK_SUPPRESSION_KEY", "")

if PRODUCTION:
    ALLOWED_HOSTS = [h.strip() for h in os.environ.get("PRIVACYDESK_ALLOWED_HOSTS", "").split(",") if h.strip()]
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("PRIVACYDESK_ALLOWED_HOSTS must name the host(s) in production.")
else:
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "django_countries",
    "django_tasks",
    "django_tasks_db",
    "privacydesk.audit",
    "privacydesk.accounts",
    "privacydesk.register",
    "privacydesk.people",
    "privacydesk.accountability",
    "privacydesk.consent",
    "privacydesk.rights",
    "privacydesk.scanning",
    "privacydesk.connectors",
    "privacydesk.retention",
    "privacydesk.breaches",
    "privacydesk.policy",
    "privacydesk.portal",
    "privacydesk.console",
    "privacydesk.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "privacydesk.audit.middleware.AuditActorMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "privacydesk.urls"
WSGI_APPLICATION = "privacydesk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "privacydesk.accounts.context.roles",
                "privacydesk.portal.context.portal",
            ],
        },
    },
]

DEFAULT_SQLITE = f"sqlite:///{VAR_DIR / 'privacydesk.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL", DEFAULT_SQLITE), conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # A longer busy timeout lets a worker and the web process share the file without "database is locked".
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Tests use a file, not memory, so threads and the browser tests' live server wait on SQLite's
    # lock as production does instead of failing at once.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-privacydesk.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Prepared statements for the per-call API queries on PostgreSQL (see privacydesk/db.py).
PRIVACYDESK_PG_PREPARED = os.environ.get("PRIVACYDESK_PG_PREPARED", "1") != "0"

# The cache holds the portal's per-address submission counts, so every web worker must see the same
# one: the database by default (nothing more to run), Redis where PRIVACYDESK_CACHE_URL names one.
_cache_url = os.environ.get("PRIVACYDESK_CACHE_URL", "")
if _cache_url.startswith(("redis://", "rediss://")):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _cache_url}}
elif _cache_url:
    raise ImproperlyConfigured("PRIVACYDESK_CACHE_URL must be a redis:// or rediss:// URL (or unset: the database).")
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "privacydesk_cache"}}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "console:login"
LOGIN_REDIRECT_URL = "console:dashboard"

# Lockout: five failed sign-ins for one username from one address locks it for an hour.
AXES_FAILURE_LIMIT = int(os.environ.get("PRIVACYDESK_LOCKOUT_FAILURES", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "console/locked_out.html"
AXES_VERBOSE = False

OTP_TOTP_ISSUER = "privacydesk"
OTP_TOTP_THROTTLE_FACTOR = 1

LANGUAGE_CODE = "en-au"
TIME_ZONE = os.environ.get("PRIVACYDESK_TIME_ZONE", "Australia/Sydney")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
if not PRODUCTION:
    # Development serves straight from the app folders; production serves what collectstatic gathered.
    WHITENOISE_USE_FINDERS = True
    WHITENOISE_AUTOREFRESH = True
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Content Security Policy: everything from our own origin; no inline script anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = _env_flag("PRIVACYDESK_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    CSRF_TRUSTED_ORIGINS = [f"https://{h}" for h in ALLOWED_HOSTS]

# Logs carry no personal information: requests are logged by path only, never by query or body.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"strip_query": {"()": "privacydesk.logs.StripQuery"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["strip_query"]},
        "server": {"class": "logging.StreamHandler", "filters": ["strip_query"], "formatter": "server"},
    },
    "formatters": {"server": {"format": "[{server_time}] {message}", "style": "{"}},
    "root": {"handlers": ["console"], "level": os.environ.get("PRIVACYDESK_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"handlers": ["server"], "level": "INFO", "propagate": False},
        "axes": {"level": "ERROR"},
        "django_tasks": {"level": "WARNING"},
        # PDF layout narrates every step and font subset at INFO; only problems matter here.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# The organisation's default region when a phone number is typed without a country code.
PRIVACYDESK_DEFAULT_REGION = os.environ.get("PRIVACYDESK_DEFAULT_REGION", "AU")


# --- Outgoing mail (notices to individuals) --------------------------------------------------------
DEFAULT_FROM_EMAIL = os.environ.get("PRIVACYDESK_FROM_EMAIL", "privacy@localhost")
PRIVACYDESK_BASE_URL = os.environ.get("PRIVACYDESK_BASE_URL", "http://127.0.0.1:8000")
PRIVACYDESK_SMS_BACKEND = os.environ.get("PRIVACYDESK_SMS_BACKEND", "console")
PRIVACYDESK_PORTAL_SUBMISSIONS_PER_HOUR = int(os.environ.get("PRIVACYDESK_PORTAL_SUBMISSIONS_PER_HOUR", "10"))
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = 30
if os.environ.get("PRIVACYDESK_EMAIL_URL"):
    _mail = dj_email_url.parse(os.environ["PRIVACYDESK_EMAIL_URL"])
    EMAIL_BACKEND = _mail["EMAIL_BACKEND"]
    EMAIL_HOST = _mail["EMAIL_HOST"]
    EMAIL_PORT = _mail["EMAIL_PORT"]
    EMAIL_HOST_USER = _mail["EMAIL_HOST_USER"]
    EMAIL_HOST_PASSWORD = _mail["EMAIL_HOST_PASSWORD"]
    EMAIL_USE_TLS = _mail["EMAIL_USE_TLS"]
    EMAIL_USE_SSL = _mail["EMAIL_USE_SSL"]
elif not PRODUCTION:
    # Development: nothing leaves the machine; each message is a file a developer can open.
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(VAR_DIR / "outbox")


# --- Identity documents: encrypted at rest, deleted once verification is decided ------------------
UPLOAD_MAX_BYTES = 5 * 1024 * 1024


def _key(name: str, file: str) -> str:
    """A key from the environment; in development, one kept in ``var/`` (created on first use, 0600).
    Production has no default: the feature that needs the key says so when used."""
    key = os.environ.get(name, "")
    if key or PRODUCTION:
        return key
    key_file = VAR_DIR / file
    if not key_file.exists():
        import base64

        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(base64.urlsafe_b64encode(secrets.token_bytes(32)).decode())
        key_file.chmod(0o600)
    return key_file.read_text().strip()


PRIVACYDESK_UPLOAD_KEY = _key("PRIVACYDESK_UPLOAD_KEY", "upload-key")

# --- Connected systems: connection addresses encrypted at rest; erasure tokens keyed -----------------
PRIVACYDESK_CONNECTOR_KEY = _key("PRIVACYDESK_CONNECTOR_KEY", "connector-key")
PRIVACYDESK_ERASURE_KEY = _key("PRIVACYDESK_ERASURE_KEY", "erasure-key")
