"""Capacity Hub settings: one file, driven by environment variables.

Development needs no configuration at all. Production sets at least DEBUG=0, SECRET_KEY,
ALLOWED_HOSTS and usually DATABASE_URL (see README.md, "Deployment").
"""

import os
import sys
import tempfile
from pathlib import Path

import dj_database_url
import django
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


TESTING = "pytest" in sys.modules or env_bool("TESTING", False)
DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-change-me" if DEBUG else "")
if not SECRET_KEY:
    raise RuntimeError("SECRET_KEY must be set when DEBUG=0")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    # Before allauth so that our templates override allauth's own.
    "capacityhub.web",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.mediawiki",
    "capacityhub.core",
    # Before the apps that register search kinds, so capacities stay the first kind.
    "capacityhub.search",
    "capacityhub.community",
    "capacityhub.taxonomy",
    "capacityhub.exchange",
    "capacityhub.knowledge",
    "capacityhub.learning",
    "capacityhub.events",
    "capacityhub.forms",
    "capacityhub.integrity",
    "capacityhub.review",
    "capacityhub.mentoring",
    "capacityhub.recognition",
    "capacityhub.orgdev",
    "capacityhub.funding",
    "capacityhub.evaluation",
    "capacityhub.governance",
    "capacityhub.demo",
    # django-ninja's static files: the API docs page serves its pinned copy of Swagger UI.
    "ninja",
]
# Widgets render with Codex classes (web/templates/django/forms/widgets/).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "capacityhub.core.middleware.UserLanguageMiddleware",
    "capacityhub.web.core.cldr.ReaderTimeZoneMiddleware",
    "capacityhub.core.middleware.SecurityHeadersMiddleware",
    "capacityhub.core.middleware.BodySizeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Django's own form widget templates, which web/templates/django/forms overrides for
        # Codex (TemplatesSetting below). Not the `django.forms` app: its label would clash with
        # capacityhub.forms.
        "DIRS": [
            BASE_DIR / "capacityhub" / "web" / "templates",
            Path(django.__file__).resolve().parent / "forms" / "templates",
        ],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "capacityhub.web.context_processors.site",
            ],
        },
    },
]

# Database: embedded SQLite by default; PostgreSQL (or anything dj-database-url reads) when
# DATABASE_URL is set.
SQLITE_PATH = env_str("SQLITE_PATH", str(BASE_DIR / "db.sqlite3"))
if env_str("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(env_str("DATABASE_URL"), conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": SQLITE_PATH,
            # Keep each worker's connection between requests: a new SQLite connection parses
            # the schema again and starts with an empty page cache (≈ 5 ms a request).
            "CONN_MAX_AGE": env_int("SQLITE_CONN_MAX_AGE", 600),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA busy_timeout=20000; PRAGMA foreign_keys=ON;"
                ),
            },
            # A file, as in production: in-memory shared-cache databases cannot model
            # concurrent writers (their table locks ignore the busy timeout).
            # One file per test process, so parallel runs never share one.
            "TEST": {
                "NAME": env_str(
                    "SQLITE_TEST_PATH",
                    str(Path(tempfile.gettempdir()) / f"capacityhub-test-{os.getpid()}.sqlite3"),
                )
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "community.User"

# One cache shared by every worker, so that rate limits (ours and allauth's, which uses the
# default cache) and the version keys that invalidate process-local memos mean what they say
# whatever the number of processes: Redis when REDIS_URL is set, else a table in the database
# (created by core's migration 0003). Tests run in one process on local memory. Decision 0018.
CACHE_TABLE = "capacityhub_cache"
if env_str("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env_str("REDIS_URL"),
        }
    }
elif TESTING:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "capacityhub",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": CACHE_TABLE,
            # Culling must not drop the counters of a rate limit under attack.
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    }

# The matching index's columns, written once per version and mapped by every worker
# (exchange/selectors/matching_index.py); empty: each process builds its own (tests).
MATCHING_INDEX_DIR = env_str(
    "MATCHING_INDEX_DIR", "" if TESTING else str(BASE_DIR / "var" / "matching")
)

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Accounts (django-allauth). Local accounts always; Wikimedia login when its OAuth 2 client is
# configured (register a consumer on meta.wikimedia.org, Special:OAuthConsumerRegistration).
SITE_ID = 1
LOGIN_REDIRECT_URL = "web:profile-me"
LOGOUT_REDIRECT_URL = "web:home"
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = env_str("ACCOUNT_EMAIL_VERIFICATION", "optional")
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/h/ip",
    "login": "30/m/ip",
}
MEDIAWIKI_CLIENT_ID = env_str("MEDIAWIKI_CLIENT_ID")
MEDIAWIKI_CLIENT_SECRET = env_str("MEDIAWIKI_CLIENT_SECRET")
SOCIALACCOUNT_PROVIDERS = {
    "mediawiki": {
        "REST_API": env_str("MEDIAWIKI_REST_API", "https://meta.wikimedia.org/w/rest.php"),
        "USERPAGE_TEMPLATE": "https://meta.wikimedia.org/wiki/{username}",
    }
}
if MEDIAWIKI_CLIENT_ID and MEDIAWIKI_CLIENT_SECRET:
    SOCIALACCOUNT_PROVIDERS["mediawiki"]["APPS"] = [
        {"client_id": MEDIAWIKI_CLIENT_ID, "secret": MEDIAWIKI_CLIENT_SECRET, "key": ""}
    ]

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Capacity Hub <noreply@localhost>")

# Internationalisation. The UI ships in these languages; content (capacity labels, profiles)
# may be in any language CLDR knows.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("es", _("Spanish")),
    ("fr", _("French")),
    ("pt", _("Portuguese")),
    ("ar", _("Arabic")),
]
LANGUAGE_COOKIE_NAME = "capacityhub_language"
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles"))
# Codex trimmed from node_modules by `manage.py build_codex` (run by make; decision 0015).
STATICFILES_DIRS = [BASE_DIR / "capacityhub" / "web" / "static_build" / "static"]
# Uploaded answers to forms (e.g. application documents) live outside any public URL space and
# are served only through permission-checked views (capacityhub.forms.storage).
PRIVATE_MEDIA_ROOT = env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Security: strict in production, relaxed only for the development server.
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data: https:; style-src 'self'; script-src 'self'; "
    "frame-ancestors 'none'; form-action 'self' https://meta.wikimedia.org; base-uri 'self'"
)

PAGE_SIZE = 25
API_MAX_PAGE_SIZE = 100

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# Recognition (decisions 0025, 0026): JSON-LD contexts come from the pinned npm packages in
# node_modules (installed by `make assets`); a giver may award this many barnstars a day.
JSONLD_PACKAGES_DIR = env_str("JSONLD_PACKAGES_DIR", str(BASE_DIR / "node_modules"))
RECOGNITION_BARNSTARS_PER_DAY = env_int("RECOGNITION_BARNSTARS_PER_DAY", 5)

# The funding ledger (capacityhub/funding): budgets and reports are in this ISO 4217 currency;
# the 360Giving export names the funder by this identifier (org-id.guide) and name.
FUNDING_REPORTING_CURRENCY = env_str("FUNDING_REPORTING_CURRENCY", "USD").upper()
FUNDING_ORGANIZATION_ID = env_str("FUNDING_ORGANIZATION_ID", "XI-CAPACITYHUB")
FUNDING_ORGANIZATION_NAME = env_str("FUNDING_ORGANIZATION_NAME", "Capacity Hub")
