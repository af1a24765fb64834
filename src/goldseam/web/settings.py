"""Django settings for Goldseam, driven by the environment (see web/README.md for every variable).

Defaults suit a couple running Goldseam on a laptop: an SQLite file and a generated key under
GOLDSEAM_DATA_DIR. ``GOLDSEAM_PRODUCTION=1`` turns on what a server needs and refuses to start
without explicit secrets.
"""
from __future__ import annotations

import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from goldseam.web.env import env_bool, env_int, env_list, env_path, env_str
from goldseam.web.logs import logging_config

BASE_SETTINGS_FILE = __file__  # lets a test check every variable below is documented
PRODUCTION = env_bool("GOLDSEAM_PRODUCTION", False)
DEBUG = env_bool("GOLDSEAM_DEBUG", False)
DATA_DIR = env_path("GOLDSEAM_DATA_DIR", Path("var"))


def _secret_from_file(path: Path, make) -> str:
    """Return the secret stored at ``path``, creating it with ``make()`` on a laptop install."""
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    if PRODUCTION:
        # Several web processes must share one secret, so none may invent its own.
        raise ImproperlyConfigured(f"{path} is missing; set the secret explicitly in production")
    path.parent.mkdir(parents=True, exist_ok=True)
    value = make()
    path.write_text(value + "\n", encoding="utf-8")
    path.chmod(0o600)
    return value


SECRET_KEY = env_str("GOLDSEAM_SECRET_KEY") or _secret_from_file(
    DATA_DIR / "django-secret.txt", lambda: secrets.token_urlsafe(50)
)
#: Where the encryption key ring lives when GOLDSEAM_ENCRYPTION_KEY is not set
#: (goldseam.web.core.crypto reads it lazily and creates it on a laptop install).
ENCRYPTION_KEY = env_str("GOLDSEAM_ENCRYPTION_KEY")
ENCRYPTION_KEY_PATH = env_path("GOLDSEAM_ENCRYPTION_KEY_PATH", DATA_DIR / "encryption-keys.txt")
if PRODUCTION and not ENCRYPTION_KEY and not ENCRYPTION_KEY_PATH.exists():
    raise ImproperlyConfigured(
        "GOLDSEAM_ENCRYPTION_KEY (or _FILE, or GOLDSEAM_ENCRYPTION_KEY_PATH) is required in production"
    )

ALLOWED_HOSTS = env_list("GOLDSEAM_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("GOLDSEAM_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "goldseam.web.core",
    "goldseam.web.accounts",
    "goldseam.web.couples",
    "goldseam.web.notes",
]
# Apps that join INSTALLED_APPS and urls.py when their package (with apps.py) exists.
OPTIONAL_APPS = env_list("GOLDSEAM_OPTIONAL_APPS", ["journey", "rebuild", "story", "therapist", "api"])


def _present(app: str) -> bool:
    here = Path(__file__).resolve().parent / app
    return (here / "__init__.py").exists() and (here / "apps.py").exists()


INSTALLED_APPS += [f"goldseam.web.{app}" for app in OPTIONAL_APPS if _present(app)]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outermost of the app's: a view that loses the database answers a clear 503 page.
    "goldseam.web.health.DatabaseUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "goldseam.web.core.middleware.SlidingSessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "goldseam.web.core.middleware.NoStoreMiddleware",
    # django-axes asks to come last so it sees the outcome of every sign-in.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "goldseam.web.urls"
WSGI_APPLICATION = "goldseam.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "goldseam.web.core.context.wording",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'goldseam.sqlite3'}"),
        conn_max_age=env_int("GOLDSEAM_DB_CONN_MAX_AGE", 0, minimum=0),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # Several gunicorn processes write one file: wait for the lock instead of failing at once,
    # take it at the start of a transaction (a read lock cannot be upgraded while another
    # writer waits), and let readers read during a write (WAL). synchronous stays FULL, so an
    # acknowledged write survives a power cut.
    DATABASES["default"].setdefault("OPTIONS", {}).update({
        "timeout": 20, "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL;",
    })
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "couples:home"
LOGOUT_REDIRECT_URL = "accounts:sign-in"
# Argon2 first: new and re-hashed passwords use it; the others only verify old hashes.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("GOLDSEAM_SIGNIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("GOLDSEAM_SIGNIN_COOLOFF_MINUTES", 30, minimum=1) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

# Sessions end after this long without a request. SlidingSessionMiddleware moves the end at
# most once every SESSION_SLIDE_EVERY seconds (not a database write on every page).
SESSION_COOKIE_AGE = env_int("GOLDSEAM_SESSION_HOURS", 12, minimum=1) * 3600
SESSION_SLIDE_EVERY = 300
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
#: Seconds a password re-entry stays fresh for export, deletion and therapist sharing.
REAUTH_SECONDS = env_int("GOLDSEAM_REAUTH_SECONDS", 300, minimum=30)
OTP_TOTP_ISSUER = "Goldseam"
#: Where Quick exit leads: a neutral, widely used page (followed only when the person presses it).
QUICK_EXIT_URL = env_str("GOLDSEAM_QUICK_EXIT_URL", "https://www.bbc.com/weather")

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": REDIS_URL}}
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

EMAIL_BACKEND = env_str("GOLDSEAM_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("GOLDSEAM_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("GOLDSEAM_EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("GOLDSEAM_EMAIL_USER")
EMAIL_HOST_PASSWORD = env_str("GOLDSEAM_EMAIL_PASSWORD")
EMAIL_USE_TLS = env_bool("GOLDSEAM_EMAIL_TLS", False)
DEFAULT_FROM_EMAIL = env_str("GOLDSEAM_EMAIL_FROM", "goldseam@localhost")

LANGUAGE_CODE = "en"
TIME_ZONE = env_str("GOLDSEAM_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns on every start without it
# On a laptop WhiteNoise serves straight from the apps' static folders; servers run collectstatic.
WHITENOISE_USE_FINDERS = not PRODUCTION
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Strict policy: everything from this origin, no inline script or style, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CSRF_COOKIE_HTTPONLY = True

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("GOLDSEAM_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("GOLDSEAM_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("GOLDSEAM_HSTS_PRELOAD", True)
    # Behind a proxy that terminates TLS and sets this header.
    if env_bool("GOLDSEAM_BEHIND_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# JSON lines with partner text filtered out (goldseam.web.logs).
LOGGING = logging_config(env_str("GOLDSEAM_LOG_LEVEL", "WARNING"))
