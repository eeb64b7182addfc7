"""Voiceprint settings: the one place configuration is read, all of it from the environment.

Every value has an explicit default that makes a fresh checkout run on the embedded
default (SQLite, kombu's filesystem broker, console e-mail). Invalid values stop the
process at start-up with a message naming the variable. `.env.example` lists them all.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
# A .env file is optional; real environment variables always win over it.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

INSECURE_DEV_SECRET_KEY = "dev-only-insecure-key-never-use-in-production"  # noqa: S105


def _bool(name: str, default: bool) -> bool:
    """Read a boolean, refusing anything but the usual spellings (a typo must not flip a switch)."""
    raw = env.str(name, default=str(default)).strip().lower()
    truthy = {"1", "true", "yes", "on"}
    falsy = {"0", "false", "no", "off", ""}
    if raw not in truthy | falsy:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean: use 1/0, true/false, yes/no or on/off.")
    return raw in truthy


def _positive_int(name: str, default: int) -> int:
    try:
        value = env.int(name, default=default)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number: {error}") from error
    if value <= 0:
        raise ImproperlyConfigured(f"{name} must be greater than zero, got {value}.")
    return value


def _non_negative_int(name: str, default: int) -> int:
    try:
        value = env.int(name, default=default)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number: {error}") from error
    if value < 0:
        raise ImproperlyConfigured(f"{name} must be zero or more, got {value}.")
    return value


# --- Core -----------------------------------------------------------------------------------

DEBUG = _bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default=INSECURE_DEV_SECRET_KEY)
if not DEBUG and SECRET_KEY == INSECURE_DEV_SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (generate one with `make secret-key`).")
ALLOWED_HOSTS: list[str] = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must name the site's host(s) when DEBUG is off, e.g. example.org.")
CSRF_TRUSTED_ORIGINS: list[str] = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# The name the site signs its pages and e-mails with (never the request's host and port).
SITE_NAME = env.str("SITE_NAME", default="Voiceprint").strip() or "Voiceprint"


def _price(name: str, default: str) -> Decimal:
    """A price in PRICE_CURRENCY, e.g. "49" or "149.50"; refused unless a non-negative amount."""
    raw = env.str(name, default=default).strip()
    try:
        value = Decimal(raw)
    except InvalidOperation as error:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an amount: write it like 49 or 149.50.") from error
    if not value.is_finite() or value < 0:
        raise ImproperlyConfigured(f"{name} must be zero or more, got {raw!r}.")
    return value


# What each product costs, shown on the home page and the order form.
PRICE_CURRENCY = env.str("PRICE_CURRENCY", default="EUR").strip().upper()
if len(PRICE_CURRENCY) != 3 or not PRICE_CURRENCY.isalpha():  # ISO 4217 codes have three letters
    raise ImproperlyConfigured(f"PRICE_CURRENCY must be a currency code such as EUR, got {PRICE_CURRENCY!r}.")
PRICE_SELF_SERVE = _price("PRICE_SELF_SERVE", default="49")
PRICE_COACHED = _price("PRICE_COACHED", default="149")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_celery_results",
    "allauth",
    "allauth.account",
    "simple_history",
    "axes",
    "csp",
    "coaching",
    "profiles",
    "samples",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",  # records who made each change
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
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
                "config.context_processors.site",
            ],
        },
    },
]

AUTH_USER_MODEL = "coaching.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out address before any check
    "django.contrib.auth.backends.ModelBackend",  # the admin's own login
    "allauth.account.auth_backends.AuthenticationBackend",  # clients: e-mail + password, verified
]
LOGIN_URL = "account_login"

# --- Sign-in throttling and the browser's guard rails ---------------------------------------
# Five wrong passwords for one address from one IP lock that pair out for fifteen minutes
# (django-axes); the lockout page says so and when to try again.
AXES_FAILURE_LIMIT = _positive_int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=15)  # templates/account/locked_out.html names it
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "config.security.attempted_username"
AXES_LOCKOUT_TEMPLATE = "account/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# How many reverse proxies stand in front of the site (deploy/nginx.conf is one). With 0 the
# client's address is the connection's; with N it is the Nth address from the right of
# X-Forwarded-For, the one the outermost trusted proxy saw. Anything further left was written by
# the client and is never trusted. Both sign-in throttles read it through config.proxy.client_ip:
# django-axes directly, django-allauth's rate limits through the account adapter.
TRUSTED_PROXY_COUNT = _non_negative_int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "config.proxy.client_ip"
ACCOUNT_ADAPTER = "config.account_adapter.SiteAccountAdapter"
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT  # for any allauth code reading the header itself
# No inline or foreign script anywhere (the site's one script is a static file); styles may be
# inline: the charts' SVG carries its own, and the admin sets a few style attributes.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Orders (each an upload) a client may place in an hour.
ORDERS_PER_HOUR = _positive_int("ORDERS_PER_HOUR", default=10)
LOGIN_REDIRECT_URL = "orders"
# Accounts (django-allauth): e-mail is the login, and it must be verified before first use.
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# The client's name for their reports' cover, asked with the fields above.
ACCOUNT_SIGNUP_FORM_CLASS = "coaching.forms.SignupForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Database -------------------------------------------------------------------------------

DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'voiceprint.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # The web server and the worker write to the same file: WAL lets readers carry on
            # during a write, IMMEDIATE takes the write lock up front so two writers queue
            # instead of failing with "database is locked" halfway through a transaction.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
    # The test database lives in a file, not in memory, so a worker process can share it.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-voiceprint.sqlite3")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# What is costly to draw and the same for everyone (report charts, the home page's preview).
# Per process by default; a shared Redis cache lets every web process reuse one drawing.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
# Sessions read from the cache, written through to the database: one query fewer per request.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Files ----------------------------------------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# The site's own stylesheet and script, and Pico.css (vendored: the site works offline, no CDN).
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    # Uploaded histories are private: MEDIA_ROOT is never served by a URL of its own.
    # Written under a temporary name and renamed into place: never a partial file under a real name.
    "default": {"BACKEND": "profiles.storage.AtomicFileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# In development files are served straight from the apps' static folders; in production
# from STATIC_ROOT, filled by `manage.py collectstatic`.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = BASE_DIR / env.str("MEDIA_ROOT", default="var/media")
# Largest history upload accepted, and most bytes of post files read out of one archive
# (bounds zip bombs). An X archive with years of photos can pass a gigabyte.
HISTORY_UPLOAD_MAX_BYTES = _positive_int("HISTORY_UPLOAD_MAX_MB", default=2048) * 1024**2
HISTORY_UNPACKED_MAX_BYTES = _positive_int("HISTORY_UNPACKED_MAX_MB", default=4096) * 1024**2
# The size limit is enforced while the body streams in (coaching/uploads.py), before Django's own
# handlers keep the file in memory (small ones) or in a temporary file.
FILE_UPLOAD_HANDLERS = [
    "coaching.uploads.HistorySizeLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# Uploaded files are deleted this many days after their order's report was delivered.
UPLOAD_RETENTION_DAYS = _positive_int("UPLOAD_RETENTION_DAYS", default=30)
# Hours a file sent with an order form that came back with an error is kept, so that the client can
# correct the form without sending the file again (coaching/services/held_uploads.py).
HELD_UPLOAD_HOURS = _positive_int("HELD_UPLOAD_HOURS", default=24)
# The upload of a failed order is deleted when it fails; the hourly retention task removes, as a
# backstop, any a failure left behind once it has been failed this long.
FAILED_UPLOAD_RETENTION_HOURS = _positive_int("FAILED_UPLOAD_RETENTION_HOURS", default=1)
# Working days within which a coached report is promised; older ones are overdue in the queue.
REVIEW_TURNAROUND_WORKING_DAYS = _positive_int("REVIEW_TURNAROUND_WORKING_DAYS", default=3)

# --- E-mail ---------------------------------------------------------------------------------

# EMAIL_URL such as smtp+tls://user:password@smtp.example.org:587; console output by default.
_email = env.email_url("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
if EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend":
    # Through logging, at INFO: a worker would log the console's stdout as WARNING celery.redirected.
    EMAIL_BACKEND = "config.mail.LoggingEmailBackend"
EMAIL_HOST = _email.get("EMAIL_HOST", "localhost")
EMAIL_PORT = _email.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Voiceprint <reports@voiceprint.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery ---------------------------------------------------------------------------------

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
# Relative folders are taken from the project directory, wherever the process starts.
BROKER_FOLDER = BASE_DIR / env.str("CELERY_BROKER_FOLDER", default="var/broker")
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {
        # One folder for both directions: producers write where the consumers read.
        "data_folder_in": str(BROKER_FOLDER / "messages"),
        "data_folder_out": str(BROKER_FOLDER / "messages"),
        "control_folder": str(BROKER_FOLDER / "control"),
        "store_processed": False,
    }
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        # Redis re-delivers an unacknowledged message after this many seconds. With late
        # acks it must exceed the longest task, or a slow task would run twice at once.
        "visibility_timeout": _positive_int("CELERY_VISIBILITY_TIMEOUT", default=2 * 60 * 60),
        # How often a worker looks for messages whose worker died (past their visibility timeout)
        # and puts them back on the queue; kombu's default is about a hundred seconds.
        "unacked_restore_interval": _positive_int("CELERY_UNACKED_RESTORE_SECONDS", default=60),
        "unacked_restore_throttle": 1,
    }
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="django-db")
if CELERY_RESULT_BACKEND == "django-db":
    # The same table, but chords joined once every distinct part is in: with late acks a chunk
    # can run twice (a broker restart), which django-celery-results' countdown counts twice.
    CELERY_RESULT_BACKEND = "profiles.result_backend:DatabaseResultBackend"
CELERY_RESULT_EXTENDED = True
CELERY_RESULT_EXPIRES = 24 * 60 * 60
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="voiceprint")
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# Acknowledge a message only once its task has finished, and hand it back to the broker
# if the worker process dies: a task cut off by a crash runs again instead of vanishing.
# Tasks are written to be idempotent so that a second run is harmless.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# One message at a time per worker process, so a long analysis does not hold others hostage.
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = _positive_int("CELERY_TASK_SOFT_TIME_LIMIT", default=30 * 60)
CELERY_TASK_TIME_LIMIT = _positive_int("CELERY_TASK_TIME_LIMIT", default=35 * 60)
if CELERY_TASK_TIME_LIMIT <= CELERY_TASK_SOFT_TIME_LIMIT:
    raise ImproperlyConfigured("CELERY_TASK_TIME_LIMIT must be longer than CELERY_TASK_SOFT_TIME_LIMIT.")
CELERY_TASK_TRACK_STARTED = True
CELERY_BEAT_SCHEDULE = {
    "remove-expired-uploads": {"task": "coaching.remove_expired_uploads", "schedule": 60 * 60},
    "unstick-orders": {"task": "coaching.unstick_orders", "schedule": 10 * 60},
    # Before the coaches' working day; the digest is sent once a day however often it runs.
    "email-overdue-reviews": {"task": "coaching.email_overdue_reviews", "schedule": crontab(hour=7, minute=0)},
}
# An order still importing or analysing this long after it was placed (or last restarted) is
# stuck: the watchdog starts its work again, up to ORDER_MAX_RESTARTS times, then fails it.
# Longer than any task may run (CELERY_TASK_TIME_LIMIT) plus a queue's wait.
ORDER_STUCK_MINUTES = _positive_int("ORDER_STUCK_MINUTES", default=90)
ORDER_MAX_RESTARTS = 2
if ORDER_STUCK_MINUTES * 60 <= CELERY_TASK_TIME_LIMIT:
    raise ImproperlyConfigured("ORDER_STUCK_MINUTES must be longer than CELERY_TASK_TIME_LIMIT (in seconds).")
# A task run delivered again after its worker died this often fails its order instead of running
# a fourth time (profiles.task_base): a file or history that kills workers must not do so forever.
TASK_MAX_WORKER_DEATHS = _positive_int("TASK_MAX_WORKER_DEATHS", default=3)
# The address space each worker process may take, in MB (0: no limit). Set as RLIMIT_AS in every
# pool process (config/celery.py), so a runaway import or analysis gets MemoryError, and fails its
# order, instead of growing until the kernel kills the worker. Celery's worker_max_memory_per_child
# is no bound: it is checked only after a task has finished (docs/operations.md, "Limits").
CELERY_WORKER_MEMORY_LIMIT_MB = _non_negative_int("CELERY_WORKER_MEMORY_LIMIT_MB", default=2048)
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A message sent while the broker restarts (the next step of a chain, a chord's callback) waits
# for it for up to 22 s (0, 1, 2, 3, then 4 s apart) instead of Celery's 0.6 s, after which the
# sending task fails and, unacknowledged, is delivered again.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 8, "interval_start": 0, "interval_step": 1, "interval_max": 4}
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_TIMEZONE = TIME_ZONE

# Seconds /healthz waits for a worker to answer its ping.
HEALTHZ_WORKER_TIMEOUT = env.float("HEALTHZ_WORKER_TIMEOUT", default=3.0)

# --- Security (production) ------------------------------------------------------------------

# X-Forwarded-Proto says the request came over HTTPS; only a proxy of ours may say so. Without
# one, any client could send the header and pass for a secure request.
if TRUSTED_PROXY_COUNT > 0:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if not DEBUG:
    SECURE_SSL_REDIRECT = _bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = _positive_int("SECURE_HSTS_SECONDS", default=365 * 24 * 60 * 60)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
    X_FRAME_OPTIONS = "DENY"

# --- Logging --------------------------------------------------------------------------------

LOG_LEVEL = env.str("LOG_LEVEL", default="INFO").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # A worker logs every task it receives and each one's whole return value (an analysis chunk's
        # features) at INFO; failures, logged at ERROR, are what an operator needs from it.
        "celery.app.trace": {"level": "WARNING"},
        "celery.worker.strategy": {"level": "WARNING"},
    },
}
