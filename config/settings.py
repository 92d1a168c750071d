"""Settings for the customer-service platform, read from the environment.

Two modes, decided only by which variables are set:

* Real services: ``DATABASE_URL`` (PostgreSQL through psycopg 3) and ``REDIS_URL`` (Channels layer,
  Celery broker and result backend).
* Embedded default: without them, an SQLite file, an in-memory channel layer and eager Celery, so a
  newcomer can run the product with nothing installed.

With ``DEBUG`` off (the default) every secret must be supplied; start-up fails with the list of
what is missing instead of running with an insecure stand-in.
"""

import datetime as dt
import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# ENV_FILE="" turns the file off (the test suite does this so a developer's .env cannot leak in).
_env_file = env.str("ENV_FILE", default=str(BASE_DIR / ".env"))
if _env_file and Path(_env_file).is_file():
    environ.Env.read_env(_env_file)

DEBUG = env.bool("DEBUG", default=False)
HTTPS = env.bool("HTTPS", default=False)

# Development stand-ins, used only with DEBUG on. They are public, so anything encrypted with them
# is readable by anyone who has this repository.
_DEV_SECRET_KEY = "dev-only-insecure-secret-key-do-not-use-in-production"
_DEV_FIELD_KEY = "ZGV2LW9ubHktaW5zZWN1cmUtZmllbGQta2V5LTMyYnk="
_DEV_BLIND_INDEX_KEY = "dev-only-insecure-blind-index-key"

_missing = [
    name
    for name in ("SECRET_KEY", "FIELD_ENCRYPTION_KEYS", "BLIND_INDEX_KEY", "ALLOWED_HOSTS")
    if not env.str(name, default="").strip()
]
if _missing and not DEBUG:
    raise ImproperlyConfigured(
        "Missing production settings: "
        + ", ".join(_missing)
        + ". Set them in the environment (or .env), or set DEBUG=1 for local development. "
        "Generate keys with: python scripts/bootstrap_env.py --print"
    )

SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET_KEY)
# A list of Fernet keys: the first encrypts, every one decrypts (key rotation).
FIELD_ENCRYPTION_KEYS = env.list("FIELD_ENCRYPTION_KEYS", default=[_DEV_FIELD_KEY])
# Separate from the encryption keys on purpose: rotating those must not break equality look-ups.
BLIND_INDEX_KEY = env.str("BLIND_INDEX_KEY", default=_DEV_BLIND_INDEX_KEY)
# Conversation search hashes tokens with per-shop keys derived from BLIND_INDEX_KEY and this
# version; raise it, restart, and run `manage.py search_backfill` to rotate them.
SEARCH_KEY_VERSION = env.int("SEARCH_KEY_VERSION", default=1)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "import_export",
    "guardian",
    "django_celery_beat",
    "channels",
    "core.thirdparty_apps.LoginProtectionConfig",  # django-axes, named for the admin
    "django_otp",
    "core.thirdparty_apps.AuthenticatorConfig",  # django-otp's TOTP devices, named likewise
    "core",
    "accounts",
    "audit",
    "shops",
    "conversations",
    "chatbot",
    "knowledge",
    "routing",
    "profiles",
    "gateway",
    "analytics",
    "sentiment",
    "attachments",
    "desk",
    "search",
    "automation",
    "webhooks",
    "api",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "audit.middleware.AuditContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out log-in into its 429 answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = env.str("DATABASE_URL", default="")
if DATABASE_URL:
    DATABASES = {"default": env.db_url_config(DATABASE_URL)}
    if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL (postgres://...).")
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env.str("SQLITE_PATH", default=str(BASE_DIR / "db.sqlite3")),
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The role that owns the schema; only `migrate` connects as it (core/db_roles.py). Unset, the
# app's own role runs the migrations (SQLite, the tests, a single-role database).
DATABASE_OWNER_URL = env.str("DATABASE_OWNER_URL", default="") if DATABASE_URL else ""

# --- Redis: channel layer and Celery --------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")


def _own_redis_database(url: str, worker: str) -> str:
    """pytest-xdist workers (``gw0``, ``gw1``...) share one Redis server: each takes its own
    database number, the URL's plus the worker's index, so one worker's channel groups, cache
    keys, Celery queue and pub/sub channels never reach another's (conversation 1 exists in
    every worker's database). The daphnes and workers a test starts inherit the variable."""
    if not (url and worker.startswith("gw")):
        return url
    parts = urlsplit(url)
    database = int(parts.path.strip("/") or 0) + int(worker[2:])
    return urlunsplit(parts._replace(path=f"/{database % 16}"))


REDIS_URL = _own_redis_database(REDIS_URL, os.environ.get("PYTEST_XDIST_WORKER", ""))
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            # channels_redis, with a Redis pool that queues commands when all its connections
            # are busy rather than failing (see config/channel_layer.py).
            "BACKEND": "config.channel_layer.BlockingPoolRedisChannelLayer",
            "CONFIG": {
                "hosts": [REDIS_URL],
                "prefix": env.str("CHANNEL_LAYER_PREFIX", default="asgi"),
                "capacity": 1000,
                "expiry": 60,
                "max_connections": env.int("CHANNEL_LAYER_MAX_CONNECTIONS", default=200),
            },
        }
    }
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = False
    # Shared by every process: rate limits hold across several daphnes.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CHANNEL_LAYER_PREFIX", default="asgi") + "-cache",
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CELERY_BROKER_URL = "memory://"
    CELERY_RESULT_BACKEND = "cache+memory://"
    # No broker to talk to: run tasks in-process so every feature still works.
    CELERY_TASK_ALWAYS_EAGER = True
    CELERY_TASK_EAGER_PROPAGATES = True

# Beat's crontabs (03:30 training, 04:00 purge ...) mean the shop's local time, not UTC.
CELERY_TIMEZONE = env.str("TIME_ZONE", default="Asia/Shanghai")
CELERY_TASK_ACKS_LATE = True
# A task whose worker died unacknowledged is redelivered after this (Kombu's default: 1 hour).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=15 * 60)
}
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = "UTC"

# --- Auth -----------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out username/IP pair before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/accounts/login/"
GUARDIAN_RAISE_403 = True

# --- Security -------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
# Staff sessions end after a working day; log in again the next morning.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)

# Log-in throttling (django-axes): 5 wrong passwords for one username from one address lock
# that pair for 15 minutes; a successful log-in resets the count.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Content Security Policy: only this origin's scripts (no inline script anywhere); inline
# styles are allowed for the SVG charts and the widget's shadow-root stylesheet.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = False

# --- I18n -----------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Shanghai")
USE_I18N = True
USE_TZ = True

# --- Static ---------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG

# --- Attachments (attachments app) -----------------------------------------------------------
# Files and images in messages, encrypted at rest with FIELD_ENCRYPTION_KEYS. Never served from
# MEDIA_URL: only through short-lived signed URLs (attachments.signing). The local filesystem by
# default; any S3-compatible store when AWS_STORAGE_BUCKET_NAME is set (README, Configuration).
MEDIA_ROOT = env.str("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media"))
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["attachments"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "access_key": env.str("AWS_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default="") or None,
            "location": env.str("AWS_LOCATION", default="attachments"),
            "default_acl": "private",
            "file_overwrite": False,
        },
    }
else:
    STORAGES["attachments"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(Path(MEDIA_ROOT) / "attachments")},
    }
# The default per file; a shop may set its own (admin → Attachment policies).
ATTACHMENT_MAX_BYTES = env.int("ATTACHMENT_MAX_BYTES", default=10 * 1024 * 1024)
ATTACHMENT_URL_SECONDS = env.int("ATTACHMENT_URL_SECONDS", default=900)
ATTACHMENT_UPLOADS_PER_HOUR = env.int("ATTACHMENT_UPLOADS_PER_HOUR", default=60)
# The platform's address as customers and providers reach it: signed links in SMS and e-mail,
# the image URL Twilio fetches for an MMS.
PUBLIC_BASE_URL = env.str("PUBLIC_BASE_URL", default="http://127.0.0.1:8000")
# Files customers send by URL (MMS, the generic webhook) are fetched only from public
# addresses; the tests' fake providers live on loopback.
GATEWAY_MEDIA_ALLOW_PRIVATE = env.bool("GATEWAY_MEDIA_ALLOW_PRIVATE", default=False)
# Static files are public, and shops' pages load the widget's ES modules (static/widget/)
# cross-origin, which needs CORS: "Access-Control-Allow-Origin: *" on every static file.
WHITENOISE_ALLOW_ALL_ORIGINS = True

REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Customer-service platform: shop data API",
    "DESCRIPTION": "Upsert products, customers and orders. Authorization: Bearer <shop API token>.",
    "VERSION": "1",
    # Swagger UI from the installed sidecar package: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SERVE_INCLUDE_SCHEMA": False,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "filters": {
        "refused_requests": {"()": "core.logging.RefusedRequestFilter"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["refused_requests"],
        },
        "mail_admins": {
            "level": "ERROR",
            "filters": ["require_debug_false"],
            "class": "django.utils.log.AdminEmailHandler",
        },
    },
    # Django's own loggers go to the root's handler only (its default adds a second console
    # handler under DEBUG, printing every request problem twice), and errors still reach ADMINS.
    "loggers": {"django": {"handlers": ["mail_admins"], "level": "INFO", "propagate": True}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# django-import-export: every import runs in one transaction and is rolled back on any error.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

# Outbound messages to customers (one-time codes). The console backends print them, which is
# what a newcomer running the demo needs; production points these at a real gateway/SMTP.
# With DEBUG off nothing is printed: the defaults log a redacted line only (issue 17 L7), and
# `manage.py check --deploy` warns until real backends are configured.
EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "profiles.delivery.RedactedConsoleEmailBackend",
)
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(BASE_DIR / "var" / "mail"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="service@localhost")
SMS_BACKEND = env.str("SMS_BACKEND", default="profiles.delivery.ConsoleSmsBackend")
SMS_FILE_PATH = env.str("SMS_FILE_PATH", default=str(BASE_DIR / "var" / "sms"))
PHONE_REGION = env.str("PHONE_REGION", default="CN")
# One-time code flood caps (profiles/identity.py, README Security).
OTP_MAX_PER_ADDRESS_PER_DAY = env.int("OTP_MAX_PER_ADDRESS_PER_DAY", default=10)
OTP_MAX_PER_IP_PER_HOUR = env.int("OTP_MAX_PER_IP_PER_HOUR", default=10)
OTP_MAX_PER_SHOP_PER_HOUR = env.int("OTP_MAX_PER_SHOP_PER_HOUR", default=300)
OTP_MAX_PER_HOUR = env.int("OTP_MAX_PER_HOUR", default=1000)

# Outbound channel messages: retry after base, 2×base, 4×base … seconds, at most max apart.
GATEWAY_RETRY_BASE_SECONDS = env.int("GATEWAY_RETRY_BASE_SECONDS", default=5)
GATEWAY_RETRY_MAX_SECONDS = env.int("GATEWAY_RETRY_MAX_SECONDS", default=600)

# Each process loads a new answer model as soon as it is announced (knowledge.model_updates);
# this poll only catches an announcement missed (Redis briefly away, `manage.py train_answers`
# run without Redis beside a running server).
ANSWER_MODEL_POLL_SECONDS = env.float("ANSWER_MODEL_POLL_SECONDS", default=60.0)

# Bearer token that shows /healthz's details (errors, hosts, workers) to a monitoring system
# that is not on loopback; without it only loopback callers see them.
HEALTHZ_TOKEN = env.str("HEALTHZ_TOKEN", default="")

# Anchors of the audit chain outside the database (audit/anchoring.py): an append-only file,
# the "audit.anchor" logger, and optionally a mail to ADMIN_EMAILS.
AUDIT_ANCHOR_FILE = env.str(
    "AUDIT_ANCHOR_FILE", default=str(BASE_DIR / "var" / "audit-anchors.jsonl")
)
AUDIT_ANCHOR_EMAIL = env.bool("AUDIT_ANCHOR_EMAIL", default=False)

# Who gets operational alerts by e-mail (a failed audit-chain check): "a@x.cn,b@x.cn".
ADMINS = [(address, address) for address in env.list("ADMIN_EMAILS", default=[])]

# Provider webhooks: requests per minute per channel and sender address before 429.
GATEWAY_RATE_LIMIT_PER_MINUTE = env.int("GATEWAY_RATE_LIMIT_PER_MINUTE", default=600)
# WhatsApp, Messenger, Instagram and Telegram APIs (gateway/channels/meta.py, telegram.py);
# an account's "api_base_url" setting overrides them (a proxy, the tests' fake provider).
GATEWAY_META_GRAPH_URL = env.str("GATEWAY_META_GRAPH_URL", default="https://graph.facebook.com")
GATEWAY_META_GRAPH_VERSION = env.str("GATEWAY_META_GRAPH_VERSION", default="v21.0")
GATEWAY_TELEGRAM_API_URL = env.str("GATEWAY_TELEGRAM_API_URL", default="https://api.telegram.org")
# A signed webhook older than the provider ever retries (Meta: 7 days, Telegram: 24 hours) is a
# replay, refused with 403.
GATEWAY_META_MAX_AGE_SECONDS = env.int("GATEWAY_META_MAX_AGE_SECONDS", default=7 * 24 * 3600)
GATEWAY_TELEGRAM_MAX_AGE_SECONDS = env.int("GATEWAY_TELEGRAM_MAX_AGE_SECONDS", default=25 * 3600)

# Conversation API and outgoing event webhooks (api/, webhooks/; README, Integrate).
API_TOKEN_RATE = env.str("API_TOKEN_RATE", default="600/min")  # requests per token
WEBHOOK_DISABLE_AFTER_FAILURES = env.int("WEBHOOK_DISABLE_AFTER_FAILURES", default=15)
WEBHOOK_TIMEOUT_SECONDS = env.int("WEBHOOK_TIMEOUT_SECONDS", default=10)
# The demo's signature-checking receiver at /webhooks/echo/ (seed_demo subscribes to it).
WEBHOOK_ECHO = env.bool("WEBHOOK_ECHO", default=DEBUG)
OTP_TOTP_ISSUER = "Customer service platform"
