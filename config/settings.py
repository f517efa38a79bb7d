"""Settings from the environment (12-factor, as healthchecks.io and Open Zaak do).

DJANGO_ENV=development (the default) gives working defaults for a newcomer; any other value
(production, staging) requires every setting below and fails loudly at start without it.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
ENVIRONMENT = os.environ.get("DJANGO_ENV", "development")
DEVELOPMENT = ENVIRONMENT == "development"


def env(name: str, default: str | None = None, *, production: str | None = None) -> str:
    """The variable's value; `default` in development; elsewhere `production`, or fail loudly."""
    value = os.environ.get(name)
    if value:
        return value
    return _unset(name, default, production)


def _unset(name: str, default: str | None, production: str | None) -> str:
    if DEVELOPMENT and default is not None:
        return default
    if not DEVELOPMENT and production is not None:
        return production
    raise ImproperlyConfigured(
        f"Environment variable {name} is required when DJANGO_ENV={ENVIRONMENT}."
    )


TRUE_WORDS, FALSE_WORDS = {"1", "true", "yes", "on"}, {"0", "false", "no", "off"}


def env_bool(name: str, default: str, *, production: str = "0") -> bool:
    """1/0, true/false, yes/no or on/off (any case, spaces around allowed); unset or empty: `default`
    in development, `production` elsewhere. Any other value fails loudly instead of reading as off."""
    value = os.environ.get(name, "")
    word = value.strip().lower() or _unset(name, default, production).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"Environment variable {name}={value!r} is not a yes/no value: use 1/0, true/false, yes/no or on/off."
    )


SECRET_KEY = env("SECRET_KEY", "development-only-secret-key-not-for-production")
DEBUG = env_bool("DEBUG", "1")
ALLOWED_HOSTS = [
    h.strip()
    for h in env("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
    if h.strip()
]

(BASE_DIR / "var").mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE: a transaction takes the write lock when it starts, so two writers queue up
    # instead of failing half-way; select_for_update() is a no-op on SQLite.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    # A file, not shared memory, so tests with two threads see real locking.
    # One file per process: parallel test runs (xdist workers add their own suffix) never share it.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / f"test-{os.getpid()}.sqlite3")}

# Fernet keys for BSNs, newest first, comma separated (allocations.bsn). The development key is
# public and protects nothing; production must set its own.
BSN_ENCRYPTION_KEYS = env("BSN_ENCRYPTION_KEYS", "tNq5hA0yB1D6c3tCzS3F6xUeGyVf2Y2s1Xn3wz7Zk3Y=")
# Fernet keys for the client secrets of the organisations' OpenID Connect providers (core.sso),
# newest first, comma separated; unset: the BSN keys.
SSO_ENCRYPTION_KEYS = os.environ.get("SSO_ENCRYPTION_KEYS") or BSN_ENCRYPTION_KEYS

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules",
    "simple_history",
    "axes",
    "djmoney",
    "django_q",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # the Swagger UI / Redoc assets, served by us (no CDN)
    "mozilla_django_oidc",
    "django_otp",
    "django_otp.plugins.otp_totp",  # the authenticator app (TOTP)
    "django_otp.plugins.otp_static",  # backup codes
    "two_factor",
    "core",
    "reports",
    "notifications",
    "fund",
    "proposals",
    "allocations",
    "bren",
    "accounting",
    "norms",
    "worklists",
    "api",
    "demo",  # the demo data and `manage.py load_demo`: above every app
]

MIDDLEWARE = [
    "core.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "core.middleware.SessionIdleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.two_factor.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "notifications.middleware.UnreadCountMiddleware",
    "axes.middleware.AxesMiddleware",
]

# axes first: it refuses a locked-out request before any backend is asked. The OpenID Connect
# backend answers only the callback of a login through an organisation (core.sso); a SAML broker
# would be one more backend after it (see core.sso).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "core.sso_backend.OrganisationOidcBackend",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "notifications.context_processors.unread",
            ],
        },
    },
]

# Django's four validators, at least 12 characters. They judge passwords a person chooses (the
# password forms, createsuperuser, changepassword); load_demo sets the documented demo password
# `demo` directly, as the tests' factories set theirs.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "core.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
# Our own catalog first: where a library translates one of Django's messages differently (Django REST
# framework's "Dit veld is vereist."), Django's own Dutch wording wins (locale/nl/LC_MESSAGES/django.po).
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
WHITENOISE_USE_FINDERS = DEVELOPMENT  # serve node_modules' CSS without collectstatic in development
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("nlds", BASE_DIR / "node_modules" / "@utrecht" / "component-library-css" / "dist"),
]
MEDIA_ROOT = Path(
    env("MEDIA_ROOT", str(BASE_DIR / "var" / "media"), production=str(BASE_DIR / "var" / "media"))
)

# Files go through Django's STORAGES. Only proposal attachments are files; reports, decision
# letters, meeting overviews and job results are kept in the database. FILE_STORAGE=s3 (the
# production default) keeps them in an S3-compatible object store (django-storages), so several
# servers share them; FILE_STORAGE=local keeps them under MEDIA_ROOT (one server, development).
FILE_STORAGE = env("FILE_STORAGE", "local", production="s3")
if FILE_STORAGE == "s3":
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("AWS_STORAGE_BUCKET_NAME"),
            # Another S3-compatible store than AWS (MinIO, Ceph, a cloud's own): its URL.
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            # Credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY from the environment, as boto3 reads them.
            "default_acl": None,  # the bucket stays private; files are served only through our views
            "file_overwrite": False,
            "querystring_auth": True,
        },
    }
elif FILE_STORAGE == "local":
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
else:
    raise ImproperlyConfigured(f"FILE_STORAGE must be 's3' or 'local', not {FILE_STORAGE!r}.")
STORAGES = {
    "default": _default_storage,
    # Development serves static files from the finders; production serves what collectstatic
    # gathered under STATIC_ROOT, compressed and with hashed names that browsers may cache for ever.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEVELOPMENT
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/accounts/login/"

# Two-factor login (core.two_factor): a user who logs in with a password confirms it with a code
# from an authenticator app or a backup code, and reaches no page before that. On by default
# outside development; off in development, so that `demo` alone logs in after `make run`. Users
# who come through single sign-on are exempt (their organisation asks for the second factor).
TWO_FACTOR_ENFORCED = env_bool("TWO_FACTOR_ENFORCED", "0", production="1")
TWO_FACTOR_LOGIN_TIMEOUT = 600  # seconds between the password and the code

CURRENCIES = ("EUR",)
DEFAULT_CURRENCY = "EUR"

EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend",
    production="django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env("EMAIL_HOST", "localhost", production="localhost")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "noreply@jeugdfonds.localhost")
# the address links in e-mails start with; outside development the first allowed host over https
SITE_URL = env(
    "SITE_URL",
    "http://127.0.0.1:8000",
    production=f"https://{ALLOWED_HOSTS[0]}" if ALLOWED_HOSTS else None,
)

# Five wrong passwords lock that username from that address for an hour: the combination, so
# somebody elsewhere guessing a colleague's password does not lock the colleague out.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Behind the reverse proxy every request comes from the proxy's address: take the client's from
# X-Forwarded-For, as many proxies deep as PROXY_COUNT says (0: no proxy, use REMOTE_ADDR).
PROXY_COUNT = int(env("PROXY_COUNT", "0", production="1"))
AXES_CLIENT_IP_CALLABLE = "core.net.client_ip"
# A login through an organisation's own provider is not counted (core.sso.axes_exempt).
AXES_WHITELIST_CALLABLE = "core.sso.axes_exempt"

# A session ends after a working day without a request (core.middleware.SessionIdleMiddleware
# moves the end, at most every 5 minutes).
SESSION_COOKIE_AGE = int(env("SESSION_COOKIE_AGE", str(8 * 60 * 60), production=str(8 * 60 * 60)))
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): a page may load only our own scripts, stylesheets, fonts
# and images (static files, and the charts we draw), talk only to us, and be framed by nobody.
# No inline script or style anywhere: they live in static/. Images also from data: URLs, which the
# NL Design System CSS uses for its checkbox marks.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
    },
}

# The JSON API under /api/v1/ (api app). Clients authenticate with a token of their user
# (`Authorization: Token <key>`, api.authentication); throttled per token (api.throttling, the
# counters in Django's cache, so per process without a shared cache). Amounts are decimal strings.
API_THROTTLE_RATES = {
    "token": env("API_THROTTLE_RATE_TOKEN", "1200/minute", production="1200/minute"),
    "anonymous": env("API_THROTTLE_RATE_ANONYMOUS", "60/minute", production="60/minute"),
}
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.HasToken"],
    "DEFAULT_THROTTLE_CLASSES": [
        "api.throttling.TokenRateThrottle",
        "api.throttling.AnonymousRateThrottle",
    ],
    "NUM_PROXIES": PROXY_COUNT,
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.exceptions.exception_handler",
    "COERCE_DECIMAL_TO_STRING": True,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Jeugdfonds API",
    "DESCRIPTION": (
        "De API van Jeugdfonds: fondsen, tranches en bijdragen, circulaires, voorstellen, "
        "vergaderingen en besluiten, toekenningen en brieven, budgetten, prognoses en boekingen. "
        "U ziet via de API precies wat u op de site ziet. Bedragen zijn decimale strings in euro's. "
        "Authenticatie: `Authorization: Token <sleutel>`; maak een token aan via Account > API-tokens."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    # the Swagger UI assets come from drf-spectacular-sidecar, served as our static files
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SCHEMA_PATH_PREFIX_TRIM": False,
    # one name per choice set where several models call theirs Status (each area adds its own)
    "ENUM_NAME_OVERRIDES": {
        "TrancheStatusEnum": "fund.models.Tranche.Status",
        "ForecastStatusEnum": "allocations.models.ForecastStatus",
        "SpukDivisionStatusEnum": "accounting.models.SpukBudgetDivision.Status",
        "EntryKindEnum": "accounting.models.EntryKind",
        "FundKindEnum": "fund.models.Fund.Kind",
        "ProposalStatusEnum": "proposals.models.Proposal.Status",
        "MeetingKindEnum": "proposals.models.Meeting.Kind",
        "DecisionOutcomeEnum": "proposals.models.Decision.Outcome",
        "DecisionRuleEnum": "proposals.models.Decision.Rule",
    },
    "SWAGGER_UI_SETTINGS": {"validatorUrl": None, "deepLinking": True},
}

# HTTPS. In production TLS ends at the reverse proxy, which must set X-Forwarded-Proto (and
# overwrite one the client sent); Django then knows a request was secure, redirects plain HTTP to
# HTTPS, sends HSTS and marks its cookies Secure. `manage.py check --deploy` passes with these.
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", "0", production="1")
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", "0", production="1")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", "0", production="1")
SECURE_REDIRECT_EXEMPT = [r"^health/$"]  # the load balancer's probe may come over plain HTTP
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "0", production=str(365 * 24 * 60 * 60)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "0", production="1")
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", "0", production="1")
_proxy_ssl_header = env("SECURE_PROXY_SSL_HEADER", "", production="HTTP_X_FORWARDED_PROTO")
SECURE_PROXY_SSL_HEADER = (_proxy_ssl_header, "https") if _proxy_ssl_header else None

FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

Q_CLUSTER = {
    "name": "jeugdfonds",
    "orm": "default",
    "workers": 1,
    "timeout": 600,
    "retry": 900,
    "sync": env_bool("Q_SYNC", "0"),
}

LOG_LEVEL = "INFO" if DEBUG else "WARNING"
# Production writes JSON lines (core.logging.JsonFormatter), one a request with method, path,
# status, user id and duration (core.middleware.RequestLogMiddleware, logger jeugdfonds.request);
# development writes plain lines, and runserver prints its own line a request.
LOG_FORMAT = env("LOG_FORMAT", "plain", production="json")
LOG_REQUESTS = env_bool("LOG_REQUESTS", "0", production="1")
# Every handler masks BSN-like numbers (core.logging.RedactBsnFilter) in message, traceback and
# stack. The filter sits on the handlers, because a logger's own filter misses what its children
# propagate to it. Django's `django` logger gets our console instead of its default one (which
# has no filter) and does not propagate, so nothing is written twice. Its children (django.request,
# django.security, ...) propagate to it; django.server keeps runserver's format, filtered too.
# No mail_admins: ADMINS is not set. A handler added here needs "filters": ["no_bsn"]
# (tests/core/test_logging_redacts_bsn.py checks every handler the loggers reach).


def logging_config(log_format: str, log_requests: bool) -> dict:
    json_lines = log_format == "json"
    console = {"class": "logging.StreamHandler", "filters": ["no_bsn"]}
    if json_lines:
        console["formatter"] = "json"
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"no_bsn": {"()": "core.logging.RedactBsnFilter"}},
        "formatters": {
            "django.server": {
                "()": "django.utils.log.ServerFormatter",
                "format": "[{server_time}] {message}",
                "style": "{",
            },
            "json": {"()": "core.logging.JsonFormatter"},
        },
        "handlers": {
            "console": console,
            "django.server": {
                "class": "logging.StreamHandler",
                "formatter": "json" if json_lines else "django.server",
                "filters": ["no_bsn"],
            },
        },
        "root": {"handlers": ["console"], "level": LOG_LEVEL},
        "loggers": {
            "django": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
            "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
            "jeugdfonds.request": {"level": "INFO" if log_requests else "WARNING"},
            # WeasyPrint and fontTools report every font and stylesheet at INFO: noise, not news.
            "weasyprint": {"level": "WARNING"},
            "fontTools": {"level": "WARNING"},
        },
    }


LOGGING = logging_config(LOG_FORMAT, LOG_REQUESTS)

# Attachments to proposals (project plans): PDF, DOCX or XLSX up to this size.
PROPOSAL_ATTACHMENT_MAX_BYTES = int(
    env("PROPOSAL_ATTACHMENT_MAX_BYTES", str(10 * 1024 * 1024), production=str(10 * 1024 * 1024))
)

# The action plan's traffic light turns amber this many weeks before an action's planned date
# (our choice; the legend of every action plan page, PDF and XLSX states it).
NORMS_AMBER_WEEKS = int(env("NORMS_AMBER_WEEKS", "4", production="4"))
