"""factcheck settings: one module, configured from the environment (see .env.example).

Unset variables give the embedded default: SQLite in the project folder and Celery tasks run
in-process. DATABASE_URL and REDIS_URL switch to PostgreSQL and real Celery workers.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    normalized = value.strip().lower()
    if normalized in {"1", "true", "yes", "on"}:
        return True
    if normalized in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def env_int(name: str, default: int) -> int:
    value = env_str(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def env_json_object(name: str) -> dict[str, object]:
    """A JSON object from the environment ({} when unset); anything else stops start-up."""
    raw = env_str(name)
    if not raw:
        return {}
    try:
        value = json.loads(raw)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} is not valid JSON: {error}") from None
    if not isinstance(value, dict):
        raise ImproperlyConfigured(f'{name} must be a JSON object, like {{"bucket_name": "x"}}.')
    return value


DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        # Never fall back to a known key in production: refuse to start instead.
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY in the environment (see .env.example), "
            "or DEBUG=1 for local development."
        )
    SECRET_KEY = "insecure-development-key-only-used-when-DEBUG-is-on"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # The public site's sitemap.xml (its templates; no sites framework: the request's host).
    "django.contrib.sitemaps",
    # Numbers on pages ("more than 1,000"), formatted per locale.
    "django.contrib.humanize",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "corsheaders",
    "axes",
    "simple_history",
    "annotations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before CommonMiddleware, as django-cors-headers asks: it answers preflights itself.
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The interface's language: the switcher's cookie, else Accept-Language (no prefix in URLs).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # A form too large to read: the page's form with the reason, before CSRF reads it.
    "annotations.views.errors.RequestTooLargeMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A member's chosen language set as the language cookie when they log in.
    "annotations.views.languages.RememberedLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A service's DomainError 403 or 404 on a page: Django's own 403 and 404 pages.
    "annotations.views.errors.DomainErrorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Records who made each change in the history tables.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout raised by the backend into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "factcheck.urls"
WSGI_APPLICATION = "factcheck.wsgi.application"

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
                "annotations.context_processors.desk",
                "annotations.context_processors.notifications",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A deferred transaction that reads, then writes while another process writes fails at once
    # with "database is locked" (bench_api: 2 gunicorn workers, 10 clients); IMMEDIATE takes the
    # write lock as it begins and waits up to `timeout` seconds for it. WAL lets reads run
    # beside the writer and syncs once per commit (about 14 ms a commit here with the rollback
    # journal, 4 with WAL). Backups use VACUUM INTO, which reads through the WAL.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out username is refused before its password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Not a rule: its hook revokes the user's API tokens whenever a password is set.
    {"NAME": "annotations.passwords.RevokeTokensOnPasswordChange"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "article-list"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
# The interface's languages (issue 17): the catalogues in factcheck/locale/ are complete for each
# (tests/test_translations.py). Adding one: see "Languages" in the README.
LANGUAGES = [
    ("en", "English"),
    ("ar", "العربية"),
    ("fr", "Français"),
    ("es", "Español"),
]
LOCALE_PATHS = [BASE_DIR / "factcheck" / "locale"]
# English dates in the desk's own order (factcheck/formats/en); Arabic, French and Spanish numbers
# with the marks the browser gives them (factcheck/formats/ar, fr, es); the rest is Django's.
FORMAT_MODULE_PATH = ["factcheck.formats"]
# The reader's choice (the switcher in every page's header) is kept in this cookie for a year;
# without it, the browser's Accept-Language chooses.
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = env_str("MEDIA_ROOT", str(BASE_DIR / "media"))
# Captures of cited sources (annotations.services.evidence): a folder on the embedded default;
# EVIDENCE_STORAGE_BACKEND names any Django storage for production and EVIDENCE_STORAGE_OPTIONS
# (a JSON object) its options, e.g. django-storages' "storages.backends.s3.S3Storage" with
# {"bucket_name": "evidence", "endpoint_url": "https://s3.example.org"} (boto3 reads the keys
# from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY).
EVIDENCE_STORAGE_BACKEND = env_str(
    "EVIDENCE_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"
)
EVIDENCE_STORAGE_OPTIONS = env_json_object("EVIDENCE_STORAGE_OPTIONS")
if EVIDENCE_STORAGE_BACKEND.endswith("FileSystemStorage"):
    EVIDENCE_STORAGE_OPTIONS.setdefault(
        "location", env_str("EVIDENCE_ROOT", str(Path(MEDIA_ROOT) / "evidence"))
    )
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "evidence": {"BACKEND": EVIDENCE_STORAGE_BACKEND, "OPTIONS": EVIDENCE_STORAGE_OPTIONS},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "annotations.storage.ManifestStaticFilesStorage"
        )
    },
}

# Request size: article uploads are capped here and again, with a clear message, in the forms.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 2 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE

# --- The desk -------------------------------------------------------------------------------
DESK_NAME = env_str("DESK_NAME", "factcheck desk")
# The desk's public origin (scheme://host) for the links in documents and exports; empty: the
# origin each request came to (exports/iris.py). Set it when a proxy rewrites the Host header.
DESK_URL = env_str("DESK_URL", "")
# The desk's logo (an absolute https URL), for the Fact Check Tools export's
# claimReviewAuthor.imageUrl; empty: left out.
DESK_LOGO_URL = env_str("DESK_LOGO_URL", "")
# Articles: limits on what an import may bring in.
ARTICLE_MAX_CHARACTERS = env_int("ARTICLE_MAX_CHARACTERS", 200_000)
# A highlight longer than this is saved, but the panel warns first: a drag that started above
# the text selects whole paragraphs (1,412 characters "without a word" in issue 15's walk).
HIGHLIGHT_WARN_CHARACTERS = env_int("HIGHLIGHT_WARN_CHARACTERS", 600)
ARTICLE_FETCH_TIMEOUT_SECONDS = env_int("ARTICLE_FETCH_TIMEOUT_SECONDS", 10)
# The whole fetch, redirects and a slowly trickling body included; keep it below the web
# server's worker timeout so the editor gets a clear error rather than a killed request.
ARTICLE_FETCH_DEADLINE_SECONDS = env_int("ARTICLE_FETCH_DEADLINE_SECONDS", 20)
ARTICLE_FETCH_MAX_BYTES = env_int("ARTICLE_FETCH_MAX_BYTES", 5 * 1024 * 1024)
# Fetching from private, loopback and link-local addresses is refused (server-side request
# forgery); tests and intranet desks can allow it explicitly.
ARTICLE_FETCH_ALLOW_PRIVATE_ADDRESSES = env_bool("ARTICLE_FETCH_ALLOW_PRIVATE_ADDRESSES", False)
ANNOTATION_MAX_CHARACTERS = env_int("ANNOTATION_MAX_CHARACTERS", 2_000)
# Evidence: each cited source is captured once it is cited, through the same fetcher and address
# guard; a larger cap than articles (reports come as PDFs), the same timeouts.
EVIDENCE_FETCH_MAX_BYTES = env_int("EVIDENCE_FETCH_MAX_BYTES", 20 * 1024 * 1024)
# Off where the desk cannot or must not fetch what reviewers cite (the test suite turns it off
# but for the evidence tests, which fetch from local sites they start).
EVIDENCE_CAPTURE = env_bool("EVIDENCE_CAPTURE", True)
# Link rot and drift: each cited URL is checked again this often (a week), by a sweep every
# EVIDENCE_SWEEP_SECONDS taking at most EVIDENCE_SWEEP_BATCH URLs, in EVIDENCE_SWEEP_THREADS
# parallel hosts, with EVIDENCE_HOST_INTERVAL_MS between two requests to one host.
EVIDENCE_CHECK_INTERVAL_SECONDS = env_int("EVIDENCE_CHECK_INTERVAL_SECONDS", 7 * 86_400)
EVIDENCE_SWEEP_BATCH = env_int("EVIDENCE_SWEEP_BATCH", 5_000)
EVIDENCE_SWEEP_THREADS = env_int("EVIDENCE_SWEEP_THREADS", 32)
EVIDENCE_HOST_INTERVAL_MS = env_int("EVIDENCE_HOST_INTERVAL_MS", 1_000)
# Optional public mementos (the Wayback Machine's Save Page Now), for desks that can reach the
# internet: off by default. Keys from https://archive.org/account/s3.php raise the archive's
# limits; the desk itself stays under EVIDENCE_SPN_PER_MINUTE requests a minute.
EVIDENCE_PUBLIC_ARCHIVE = env_bool("EVIDENCE_PUBLIC_ARCHIVE", False)
EVIDENCE_SPN_ENDPOINT = env_str("EVIDENCE_SPN_ENDPOINT", "https://web.archive.org/save")
EVIDENCE_SPN_MEMENTO_BASE = env_str("EVIDENCE_SPN_MEMENTO_BASE", "https://web.archive.org/web")
EVIDENCE_SPN_ACCESS_KEY = env_str("EVIDENCE_SPN_ACCESS_KEY")
EVIDENCE_SPN_SECRET_KEY = env_str("EVIDENCE_SPN_SECRET_KEY")
EVIDENCE_SPN_PER_MINUTE = env_int("EVIDENCE_SPN_PER_MINUTE", 6)
EVIDENCE_SPN_POLL_SECONDS = env_int("EVIDENCE_SPN_POLL_SECONDS", 5)
EVIDENCE_SPN_POLL_TRIES = env_int("EVIDENCE_SPN_POLL_TRIES", 12)
EVIDENCE_SPN_RETRY_SECONDS = env_int("EVIDENCE_SPN_RETRY_SECONDS", 600)
# A URL captured (or being captured) this recently is not fetched again when cited again.
EVIDENCE_CAPTURE_REUSE_SECONDS = env_int("EVIDENCE_CAPTURE_REUSE_SECONDS", 86_400)
# Webhooks (docs/webhooks.md): each delivery is one POST, through the article fetcher's address
# guard (ARTICLE_FETCH_ALLOW_PRIVATE_ADDRESSES lets tests and intranet desks reach private
# receivers), within WEBHOOK_TIMEOUT_SECONDS. A failed attempt is tried again after
# WEBHOOK_RETRY_BASE_SECONDS * 2**(n-1) (at most WEBHOOK_RETRY_CAP_SECONDS, jittered), by the
# sweep every WEBHOOK_SWEEP_SECONDS, up to WEBHOOK_MAX_ATTEMPTS; a subscription whose last
# WEBHOOK_DISABLE_AFTER_FAILURES attempts all failed is disabled and its editor told.
WEBHOOK_TIMEOUT_SECONDS = env_int("WEBHOOK_TIMEOUT_SECONDS", 10)
WEBHOOK_RETRY_BASE_SECONDS = env_int("WEBHOOK_RETRY_BASE_SECONDS", 30)
WEBHOOK_RETRY_CAP_SECONDS = env_int("WEBHOOK_RETRY_CAP_SECONDS", 3_600)
WEBHOOK_MAX_ATTEMPTS = env_int("WEBHOOK_MAX_ATTEMPTS", 8)
WEBHOOK_DISABLE_AFTER_FAILURES = env_int("WEBHOOK_DISABLE_AFTER_FAILURES", 15)
WEBHOOK_SWEEP_SECONDS = env_int("WEBHOOK_SWEEP_SECONDS", 15)
# After a rotation, deliveries are signed with the old secret too for this long.
WEBHOOK_SECRET_OVERLAP_SECONDS = env_int("WEBHOOK_SECRET_OVERLAP_SECONDS", 86_400)
# Each subscription's signing secret is derived from this key and a random salt stored in its
# row (services/webhooks.py): a copy of the database alone holds no secret. Changing the key
# changes every subscription's secret (rotate them all afterwards); by default SECRET_KEY.
WEBHOOK_SECRET_KEY = env_str("WEBHOOK_SECRET_KEY") or SECRET_KEY

# --- Celery ---------------------------------------------------------------------------------
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL") or env_str("REDIS_URL")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
if CELERY_TASK_ALWAYS_EAGER:
    # The embedded default: tasks run in-process, so nothing else needs installing.
    # With a host name, so that kombu does not warn "No hostname was supplied" on every start.
    CELERY_BROKER_URL = "memory://localhost/"
    CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 300)
# Above the longest task, so that Redis does not hand a running task to a second worker.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", CELERY_TASK_TIME_LIMIT * 4),
    # Web requests enqueue after their commit: a broker that does not answer must cost them a
    # couple of seconds, not the operating system's minutes-long connect timeout.
    "socket_connect_timeout": env_int("CELERY_BROKER_CONNECT_TIMEOUT", 2),
}
# One quick retry, then the failure is logged and left to the sweeps (annotations/services/
# queueing.py): celery's default of three retries only makes a write wait longer for a dead broker.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A worker rides out broker restarts: it retries the connection for ever (the default is 100
# tries, about 3 hours, after which it exits), and factcheck/broker.py works around the celery
# 5.7.0 / kombu 5.7.0 crash on losing Redis with tasks in hand.
CELERY_BROKER_CONNECTION_RETRY = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
if CELERY_BROKER_URL.startswith("redis://"):
    # Only for plain redis://: kombu derives TLS for rediss:// from the scheme, which a named
    # transport would override (rediss:// keeps kombu's transport, and the supervisor).
    CELERY_BROKER_TRANSPORT = "factcheck.broker:Transport"
# A task running when the connection drops is left to finish: its result is stored in
# PostgreSQL, and the copy Redis delivers again (acks_late) finds nothing left to do.
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = False
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_TASK_DEFAULT_QUEUE", "factcheck")

# --- REST framework ---------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "annotations.api.authentication.PersonalTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Every view declares the permission of each action (annotations.api.permissions); one that
    # declares none is refused.
    "DEFAULT_PERMISSION_CLASSES": ["annotations.api.permissions.HasPermission"],
    "DEFAULT_PAGINATION_CLASS": "annotations.api.pagination.LimitOffsetPages",
    "PAGE_SIZE": 100,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "annotations.api.schema.DeskAutoSchema",
    # DRF's JSON parser, refusing bodies nested too deep to parse safely (a 400, not a 500).
    # JSON only: the API takes no files, and a body offered in three identical content types
    # (JSON, form, multipart) made the schema's generated clients send all three, or not import.
    # A form or multipart body is a 415.
    "DEFAULT_PARSER_CLASSES": ["annotations.api.parsers.DepthLimitedJSONParser"],
    # The test client sends JSON, as clients of the API do.
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "EXCEPTION_HANDLER": "annotations.api.errors.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "annotations.api.throttles.AnonymousThrottle",
        "annotations.api.throttles.AuthenticatedThrottle",
    ],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
}
API_THROTTLE_ANON = env_str("API_THROTTLE_ANON", "120/minute")
API_THROTTLE_USER = env_str("API_THROTTLE_USER", "1200/minute")


def redis_cache_settings(location: str) -> dict[str, object]:
    """The cache on Redis. It only holds throttling counts, so while that Redis is unreachable
    the cache fails open: reads miss and writes are dropped (logged on factcheck.cache), and
    requests go through unthrottled instead of failing. Short timeouts keep a Redis that does
    not answer from holding up every request."""
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": location,
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 0.5,
            "SOCKET_TIMEOUT": 0.5,
        },
    }


DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "factcheck.cache"

# The cache keeps throttling counts (and django-axes' nothing: axes uses the database). Per
# process unless CACHE_URL names a Redis database shared by every web process.
CACHES = {
    "default": (
        redis_cache_settings(env_str("CACHE_URL"))
        if env_str("CACHE_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

SPECTACULAR_SETTINGS = {
    "TITLE": "factcheck API",
    "DESCRIPTION": "Articles, highlights with verdicts and sources, and reviews.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Request bodies get components of their own (`…Request`), without the read-only fields
    # of the answer: generated clients otherwise ask for an `id` or a `token` to send.
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI from drf-spectacular-sidecar: served by this site, never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    # Several models have a `status`; each choice set gets its own schema name.
    "ENUM_NAME_OVERRIDES": {
        "AnchorStatusEnum": "annotations.models.AnnotationAnchor.Status",
        "UnitStatusEnum": "annotations.models.ClaimUnit.Status",
        "FactKindEnum": "annotations.core.facts.FACT_KINDS",
        "KindEnum": "annotations.models.Annotation.Kind",
        "TokenKindEnum": "annotations.models.PersonalToken.Kind",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "annotations.api.schema.error_responses_document",
    ],
}

# --- Security ---------------------------------------------------------------------------------
# Scripts come only from our own static files; no inline script anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # the page's JavaScript reads it to send X-CSRFToken
HTTPS = env_bool("HTTPS", default=not DEBUG)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS and env_bool("SECURE_HSTS_PRELOAD", default=True)
if env_bool("BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# CORS (django-cors-headers): other sites' pages may read the desk's public, read-only
# documents (partners' widgets, fact-check aggregators), nothing else. CORS_ALLOWED_ORIGINS is
# a comma list of origins (https://partner.example), or "*" alone for any site; unset: none.
# Only the URLs below get the headers, only for reads, and never with credentials (no cookies,
# no Authorization header): an authenticated write can never be made cross-origin.
_cors_origins = env_list("CORS_ALLOWED_ORIGINS")
if "*" in _cors_origins and len(_cors_origins) > 1:
    raise ImproperlyConfigured('CORS_ALLOWED_ORIGINS: "*" alone (any origin), or origins.')
CORS_ALLOW_ALL_ORIGINS = _cors_origins == ["*"]
CORS_ALLOWED_ORIGINS = [] if CORS_ALLOW_ALL_ORIGINS else _cors_origins
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_HEADERS = ("accept", "accept-language", "if-none-match", "if-modified-since")
CORS_EXPOSE_HEADERS = ("Link", "ETag")
CORS_PREFLIGHT_MAX_AGE = 86_400
# The public read-only endpoints: published verdicts (list and items, with ?uri=), their W3C
# collection and items, the ClaimReview feed and DataFeed, the Fact Check Tools export, the
# CSV and JSON Lines exports, the desk's agent IRI and the Atom feed. Not the annotations (desk
# members only), nor any action URL (publish, correct, ...), nor pages with forms.
CORS_URLS_REGEX = (
    r"^/(?:api/v1/(?:verdicts/(?:\d+/)?|verdicts/w3c/(?:\d+/)?|verdicts/claimreview/"
    r"(?:datafeed/)?|verdicts/factchecktools/|verdicts/export\.csv|verdicts/export\.jsonl"
    r"|verdicts/export-sources\.csv|desk/)|verdicts/feed\.atom)$"
)

# Brute force: lock a username out after repeated failures (django-axes).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env_bool("AXES_ENABLED", default=True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # Django's own console handler (DEBUG only) would print each line a second time beside
        # the root's ("Watching for file changes with StatReloader" twice under `make run`).
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # One line per task is the worker's business; in-process (eager) runs stay quiet.
        "celery.app.trace": {"level": "WARNING" if CELERY_TASK_ALWAYS_EAGER else "INFO"},
    },
}

# The periodic sweep: PostgreSQL says what is stale, so lost messages cost time, not correctness.
CELERY_BEAT_SCHEDULE = {
    "stale-agreements-sweep": {
        "task": "annotations.tasks.stale_agreements_sweep_task",
        "schedule": env_int("AGREEMENT_SWEEP_SECONDS", 60),
    },
    "desk-agreement": {
        "task": "annotations.tasks.desk_agreement_recompute_task",
        "schedule": env_int("DESK_AGREEMENT_SECONDS", 600),
    },
    "unplaced-revisions-sweep": {
        "task": "annotations.tasks.unplaced_revisions_sweep_task",
        "schedule": env_int("REANCHOR_SWEEP_SECONDS", 60),
    },
    "unscanned-revisions-sweep": {
        "task": "annotations.tasks.unscanned_revisions_sweep_task",
        "schedule": env_int("CLAIMS_SCAN_SWEEP_SECONDS", 60),
    },
    "unsuggested-revisions-sweep": {
        "task": "annotations.tasks.unsuggested_revisions_sweep_task",
        "schedule": env_int("SUGGESTIONS_SWEEP_SECONDS", 60),
    },
    "pending-captures-sweep": {
        "task": "annotations.tasks.pending_captures_sweep_task",
        "schedule": env_int("CAPTURES_SWEEP_SECONDS", 60),
    },
    "public-archives-sweep": {
        "task": "annotations.tasks.public_archives_sweep_task",
        "schedule": env_int("PUBLIC_ARCHIVES_SWEEP_SECONDS", 300),
    },
    "evidence-health-sweep": {
        "task": "annotations.tasks.evidence_health_sweep_task",
        "schedule": env_int("EVIDENCE_SWEEP_SECONDS", 600),
    },
    # Webhook deliveries due (a first attempt whose message was lost, or a retry after backoff).
    "webhook-deliveries-sweep": {
        "task": "annotations.tasks.webhook_deliveries_sweep_task",
        "schedule": WEBHOOK_SWEEP_SECONDS,
    },
    # The desk's check-worthiness model, trained again on its submitted reviews (daily).
    "suggestion-model-train": {
        "task": "annotations.tasks.suggestion_model_train_task",
        "schedule": env_int("SUGGESTION_TRAIN_SECONDS", 86_400),
    },
    # Notifications (services/notifications.py): the reviewers whose assignment is due
    # tomorrow, and the daily digest e-mail, each once a day at the hour set (TIME_ZONE).
    "assignments-due-tomorrow": {
        "task": "annotations.tasks.assignments_due_tomorrow_task",
        "schedule": crontab(hour=env_int("NOTIFICATIONS_DUE_HOUR", 8), minute=0),
    },
    "notifications-digest": {
        "task": "annotations.tasks.notifications_digest_task",
        "schedule": crontab(hour=env_int("NOTIFICATIONS_DIGEST_HOUR", 7), minute=0),
    },
}

# E-mail (notifications): printed to the console unless an SMTP host is set. In production set
# EMAIL_HOST (and EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS or
# EMAIL_USE_SSL) and DEFAULT_FROM_EMAIL; EMAIL_BACKEND overrides the choice. Tests use Django's
# in-memory backend (django.core.mail.outbox).
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_BACKEND = env_str("EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", default=False)
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=bool(EMAIL_HOST) and not EMAIL_USE_SSL)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT_SECONDS", 10)
# Where EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend writes each message (a
# staging desk's mail kept to read; the worker tests read what real workers sent).
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH") or None
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "factcheck desk <noreply@localhost>")
if EMAIL_HOST and not DESK_URL:
    # E-mails are sent outside any request: only DESK_URL can give their links a host.
    raise ImproperlyConfigured("EMAIL_HOST is set: set DESK_URL too, for the links in e-mails.")
# Saves within this many seconds of the first share one recomputation (real workers only).
AGREEMENT_RECOMPUTE_DELAY_SECONDS = env_int("AGREEMENT_RECOMPUTE_DELAY_SECONDS", 2)
# A recomputation requested this long ago whose result is still stale is presumed lost.
AGREEMENT_SWEEP_AFTER_SECONDS = env_int("AGREEMENT_SWEEP_AFTER_SECONDS", 60)
