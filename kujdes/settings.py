"""Kujdes settings: one module, every value read from the environment (see .env.example).

The demo and the tests run with no variables at all. With DEBUG off, a missing secret key or
host list stops start-up with a message naming the variable.
"""

import warnings
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from kujdes.lib.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=True)

if DEBUG:
    SECRET_KEY = env_str("SECRET_KEY", "insecure-demo-key-only-for-local-use-never-in-production")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
else:
    SECRET_KEY = env_str("SECRET_KEY")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "kujdes.accounts",
    "kujdes.audit",
    "kujdes.territory",
    "kujdes.directory",
    "kujdes.planning",
    "kujdes.documents",
    "kujdes.monitoring",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "django_htmx",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "kujdes.accounts.middleware.AbsoluteSessionLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "kujdes.urls"
WSGI_APPLICATION = "kujdes.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "kujdes" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kujdes.accounts.context_processors.navigation",
                "kujdes.directory.context_processors.directory",
                "kujdes.planning.context_processors.planning",
            ],
        },
    },
]

# The SQLite file kujdes.sqlite3 by default with DEBUG on; with DEBUG off DATABASE_URL is
# required (postgres://… in production).
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'kujdes.sqlite3'}" if DEBUG else None),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {"timeout": 20}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sign-in lockout: this many failures for one username within the window locks it for the window.
# How many reverse proxies (nginx) stand before the app: the sign-in lockout and the comment
# rate limit then take the visitor's address from X-Forwarded-For, not the proxy's.
TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", 0)
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15)

# Sessions end after 30 idle minutes (the cookie is renewed on every request) and, whatever
# the activity, 12 hours after sign-in (AbsoluteSessionLimitMiddleware).
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_ABSOLUTE_SECONDS = env_int("SESSION_ABSOLUTE_HOURS", 12) * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

LANGUAGE_CODE = "sq"
LANGUAGES = [
    ("sq", _("Albanian")),
    ("sr-latn", _("Serbian (Latin)")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "kujdes" / "locale"]
LANGUAGE_COOKIE_NAME = "kujdes_language"
TIME_ZONE = "Europe/Tirane"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# In development static files come from the apps; staticfiles/ exists only after collectstatic.
warnings.filterwarnings("ignore", message="No directory at")
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# The project package is not an app, so its own static files are listed here.
STATICFILES_DIRS = [BASE_DIR / "kujdes" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Generated documents (the Needs Assessment Report) are kept here and served only through
# access-checked views, never as public files.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))

# Background jobs (document generation) are rows in the database; `manage.py db_worker` runs
# them. TASKS_IMMEDIATE=true runs them inside the request instead (the tests do).
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if env_bool("TASKS_IMMEDIATE", False)
            else "django_tasks_db.DatabaseBackend"
        ),
    }
}

# Django keeps uploads above FILE_UPLOAD_MAX_MEMORY_SIZE in a temporary file; the importer
# reads a file whole, so import files above IMPORT_MAX_UPLOAD_MB are refused.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
IMPORT_MAX_UPLOAD_BYTES = env_int("IMPORT_MAX_UPLOAD_MB", 50) * 1024 * 1024

# Figures from 1 to this minus one are shown as "<N" wherever aggregates leave the case-worker
# circle (kujdes.lib.suppression).
SUPPRESSION_THRESHOLD = env_int("SUPPRESSION_THRESHOLD", 5)

# The directory's maps draw area outlines and points with no background tiles unless a tile
# server is named here, e.g. "https://tile.example.org/{z}/{x}/{y}.png" (with its credit).
DIRECTORY_TILE_URL = env_str("DIRECTORY_TILE_URL", "")
DIRECTORY_TILE_ATTRIBUTION = env_str("DIRECTORY_TILE_ATTRIBUTION", "")

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CSRF_TRUSTED_ORIGINS = env_list(
        "CSRF_TRUSTED_ORIGINS", [f"https://{host}" for host in ALLOWED_HOSTS]
    )

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint and fontTools report every step of every PDF at INFO.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# The REST API: the public, read-only HSDS 3.0 directory (kujdes.directory.api), JSON only.
# Its OpenAPI document and Swagger UI are served from this site, with no CDN.
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    # Public and read-only: nobody signs in to it, and it answers everyone alike.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Kujdes directory API (Open Referral HSDS 3.0)",
    "DESCRIPTION": (
        "The public directory of social care services, organizations and locations, read-only, "
        "in the shapes of the Human Services Data Specification 3.0. Texts in Albanian (sq), "
        "Serbian Latin (sr_latn) or English (en) with `?lang=`; a text not yet translated is "
        "given in Albanian. Confidential locations (shelters) are never part of it."
    ),
    "VERSION": "3.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
